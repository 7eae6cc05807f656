package io.vaani.agent.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onvoid.webrtc.RTCIceCandidate;
import java.io.IOException;
import java.io.UncheckedIOException;

/** ICE candidates as LiveKit trickles them: the JSON of a browser's RTCIceCandidateInit. */
public final class IceCandidates {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IceCandidates() {
    }

    public static String toJson(RTCIceCandidate candidate) {
        ObjectNode node = JSON.createObjectNode();
        node.put("candidate", candidate.sdp);
        node.put("sdpMid", candidate.sdpMid);
        node.put("sdpMLineIndex", candidate.sdpMLineIndex);
        return node.toString();
    }

    public static RTCIceCandidate fromJson(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return new RTCIceCandidate(node.path("sdpMid").asText(""), node.path("sdpMLineIndex").asInt(0),
                    node.path("candidate").asText(""));
        } catch (IOException e) {
            throw new UncheckedIOException("not an ICE candidate: " + json, e);
        }
    }
}
