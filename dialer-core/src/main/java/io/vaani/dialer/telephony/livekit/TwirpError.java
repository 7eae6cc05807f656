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
        try {
            JsonNode root = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
            JsonNode sip = root.path("meta").path("sip_status_code");
            Optional<Integer> sipStatus = Optional.empty();
            if (sip.isTextual() && sip.asText().matches("[1-6][0-9]{2}")) {
                sipStatus = Optional.of(Integer.parseInt(sip.asText()));
            } else if (sip.isInt()) {
                sipStatus = Optional.of(sip.asInt());
            }
            return new TwirpError(httpStatus, root.path("code").asText("unknown"), root.path("msg").asText(""), sipStatus);
        } catch (IOException e) {
            return new TwirpError(httpStatus, "unknown", "HTTP " + httpStatus + ": " + abbreviate(body), Optional.empty());
        }
    }

    @Override
    public String toString() {
        return "twirp " + code + " (HTTP " + httpStatus + "): " + message + sipStatus.map(s -> ", SIP " + s).orElse("");
    }

    private static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
