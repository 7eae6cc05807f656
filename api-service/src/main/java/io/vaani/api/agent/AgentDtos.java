package io.vaani.api.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.vaani.api.validation.Formats;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the agent endpoints. */
public final class AgentDtos {
    private AgentDtos() {
    }

    /**
     * What an agent is: the body of a create (absent fields take their defaults) and of a change
     * (absent fields stay as they are; a present group such as {@code tools} replaces the whole group).
     */
    @Schema(name = "AgentSpec")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AgentSpec(
            @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Schema(examples = "Renewals agent")
            String name,
            @Pattern(regexp = "^[A-Za-z0-9_-]{1,64}$", message = "1 to 64 letters, digits, '-' or '_'")
            @Schema(description = "The name agent workers register with; calls are dispatched to it", examples = "vaani-agent")
            String livekitAgentName,
            @Size(max = 20000) @Schema(examples = "You are a friendly assistant calling about a policy renewal.") String systemPrompt,
            @Size(max = 2000) @Schema(description = "Spoken as soon as the callee answers", examples = "Hi {{first_name}}, this is Asha from Acme.")
            String firstMessage,
            @Pattern(regexp = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", message = "a BCP 47 language tag such as en-US")
            @Schema(examples = "en-US") String language,
            @Valid Model llm,
            @Valid Model stt,
            @Valid Voice tts,
            @Valid Tools tools,
            @Valid Voicemail voicemail,
            @Min(30) @Max(7200) @Schema(description = "The call is ended after this long", examples = "600") Integer maxCallSeconds) {
    }

    @Schema(name = "AgentModel", description = "A provider and its model")
    public record Model(@NotBlank @Schema(examples = "openai") String provider, @NotBlank @Size(max = 100) @Schema(examples = "gpt-4o-mini") String model) {
    }

    @Schema(name = "AgentVoice", description = "A text-to-speech provider, its model and voice (the provider's default when absent)")
    public record Voice(@NotBlank @Schema(examples = "elevenlabs") String provider, @Size(max = 100) @Schema(examples = "eleven_flash_v2_5") String model,
            @Size(max = 200) @Schema(examples = "21m00Tcm4TlvDq8ikWAM") String voice) {
    }

    @Schema(name = "AgentTools", description = "The tools the language model may call")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tools(@Schema(description = "End the call when the conversation is over") boolean endCall,
            @Schema(description = "Schedule a callback at a time the callee names") boolean callback,
            @Schema(description = "Put the number on the do-not-call list when the callee asks") boolean optOut,
            @Pattern(regexp = Formats.E164, message = Formats.E164_MESSAGE)
            @Schema(description = "Transfer the call here (SIP REFER) when the callee asks for a person", examples = "+14155550100")
            String transferNumber,
            @Valid @Size(max = 20) List<@NotNull @Valid HttpTool> http) {
    }

    @Schema(name = "AgentHttpTool", description = "A tool of the workspace: the model's arguments are sent as JSON to the URL")
    public record HttpTool(
            @NotBlank @Pattern(regexp = "^[a-zA-Z_][a-zA-Z0-9_]{0,63}$", message = "1 to 64 letters, digits or '_', not starting with a digit")
            @Schema(examples = "lookup_policy") String name,
            @NotBlank @Size(max = 1000) @Schema(examples = "Finds the callee's policy by its number") String description,
            @NotBlank @Size(max = 2000) @Schema(examples = "https://crm.example.com/tools/lookup-policy") String url,
            @Pattern(regexp = "^(GET|POST)$", message = "GET or POST") @Schema(examples = "POST", defaultValue = "POST") String method,
            @Min(100) @Max(30000) @Schema(description = "Milliseconds", examples = "3000", defaultValue = "5000") Integer timeoutMs,
            @NotNull @Schema(description = "JSON Schema of the arguments: an object schema") Map<String, Object> parameters) {
    }

    @Schema(name = "AgentVoicemail", description = "What the agent does when an answering machine picks up")
    public record Voicemail(@NotNull VoicemailAction action,
            @Size(max = 2000) @Schema(description = "Required to leave a message", examples = "Hi, this is Acme about your renewal. Please call us back.")
            String message) {
    }

    public enum VoicemailAction {
        HANG_UP, LEAVE_MESSAGE
    }

    @Schema(name = "Agent")
    public record Agent(UUID id, @JsonUnwrapped AgentSpec spec, Instant createdAt, Instant updatedAt) {
    }
}
