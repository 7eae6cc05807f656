package io.vaani.dialer.telephony.livekit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * An error answer of LiveKit's Twirp API: {@code {"code":"...","msg":"...","meta":{...}}}. A failed
 * CreateSIPParticipant carries the SIP final response in {@code meta.sip_status_code}.
 */
public record TwirpError(int httpStatus, String code, String message, Optional<Integer> sipStatus) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static TwirpError parse(int httpStatus, String body) {
        String text = body == null ? "" : body;
        JsonNode root;
        try {
            root = JSON.readTree(text.isBlank() ? "{}" : text);
        } catch (IOException e) {
            root = null;
        }
        // Not a Twirp error but, say, a proxy's page: "502 Bad Gateway" would even read as the JSON number 502.
        if (root == null || !root.isObject()) {
            return new TwirpError(httpStatus, "unknown", "HTTP " + httpStatus + ": " + abbreviate(text), Optional.empty());
        }
        return new TwirpError(httpStatus, root.path("code").asText("unknown"), root.path("msg").asText(""),
                sipStatus(root.path("meta").path("sip_status_code")));
    }

    /** Twirp meta values are strings; a number is taken too, either only as a SIP final response (100-699). */
    private static Optional<Integer> sipStatus(JsonNode sip) {
        String text = sip.isTextual() || sip.isIntegralNumber() ? sip.asText().trim() : "";
        return text.matches("[1-6][0-9]{2}") ? Optional.of(Integer.parseInt(text)) : Optional.empty();
    }

    @Override
    public String toString() {
        return "twirp " + code + " (HTTP " + httpStatus + "): " + message + sipStatus.map(s -> ", SIP " + s).orElse("");
    }

    private static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
