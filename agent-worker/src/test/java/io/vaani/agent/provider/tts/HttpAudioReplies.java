package io.vaani.agent.provider.tts;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The answers REST speech servers give: JSON errors, streamed audio bodies, and connections that drop. */
public final class HttpAudioReplies {

    private HttpAudioReplies() {
    }

    public static void error(HttpServerRequest request, int status, JsonObject body, String retryAfter) {
        HttpServerResponse response = request.response().setStatusCode(status).putHeader("Content-Type", "application/json");
        if (retryAfter != null) {
            response.putHeader("Retry-After", retryAfter);
        }
        response.end(body.encode());
    }

    /**
     * Streams the bytes in chunks (chunked transfer encoding, as the providers stream); with
     * {@code drop}, half of them and then the connection closes without the last chunk.
     */
    public static void stream(ProtocolServer server, HttpServerRequest request, String contentType, List<byte[]> chunks, boolean drop) {
        HttpServerResponse response = request.response().setStatusCode(200).setChunked(true).putHeader("Content-Type", contentType);
        int sending = drop ? Math.max(1, chunks.size() / 2) : chunks.size();
        for (int i = 0; i < sending; i++) {
            if (request.connection() == null || response.closed()) {
                return; // the client went away (barge-in)
            }
            response.write(Buffer.buffer(chunks.get(i)));
            server.pause();
        }
        if (drop) {
            ProtocolServer.dropConnection(request);
        } else {
            response.end();
        }
    }
}
