package io.vaani.api.siptrunk;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vaani.api.validation.Formats;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the SIP trunk endpoints. The trunk's password is accepted, never returned. */
public final class SipTrunkDtos {
    private SipTrunkDtos() {
    }

    public enum Provider {
        TWILIO, VONAGE, OTHER
    }

    /** A create (name, provider, address and numbers required) or a change (absent fields stay). */
    @Schema(name = "SipTrunkSpec")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SipTrunkSpec(
            @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Schema(examples = "Twilio US") String name,
            Provider provider,
            @Pattern(regexp = "^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(:[0-9]{1,5})?$", message = "a SIP host name, optionally with :port")
            @Schema(description = "Where calls are sent", examples = "acme.pstn.twilio.com") String address,
            @Size(min = 1, max = 1000) @Schema(description = "Caller numbers the trunk may present", examples = "[\"+14155550100\"]")
            List<@NotNull @Pattern(regexp = Formats.E164, message = Formats.E164_MESSAGE) String> numbers,
            @Valid @Schema(description = "Digest credentials; write-only") Auth auth,
            @DecimalMin(value = "0.1") @DecimalMax("1000") @Schema(description = "Calls per second the carrier allows", examples = "5")
            BigDecimal maxCps) {
    }

    @Schema(name = "SipTrunkAuth", description = "Write-only: the password is never returned or logged")
    public record Auth(@Size(max = 200) @Schema(examples = "acme") String username, @Size(max = 200) String password) {
        @Override
        public String toString() {
            return "Auth[username=" + username + ", password=***]";
        }
    }

    @Schema(name = "SipTrunk")
    public record SipTrunk(UUID id, String name, Provider provider, String address, List<String> numbers,
            @Schema(nullable = true) String authUsername, @Schema(description = "Whether a password is set") boolean hasPassword,
            double maxCps, @Schema(description = "The LiveKit outbound trunk; null when LiveKit is not configured", nullable = true)
            String livekitTrunkId, Instant createdAt, Instant updatedAt) {
    }
}
