package io.vaani.agent.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a {@code text/event-stream} body as the HTML standard defines it: {@code field: value} lines,
 * an event dispatched at each blank line, multi-line data joined with newlines, comments
 * ({@code : keep-alive}) skipped. Streaming HTTP APIs (chat completions, streamed speech) answer this way.
 */
public final class ServerSentEvents {

    /** One dispatched event; {@code event} is "message" unless the server named it. */
    public record Event(String event, String data) {
    }

    @FunctionalInterface
    public interface Handler {
        /** Returns false to stop reading. */
        boolean onEvent(Event event) throws IOException;
    }

    private ServerSentEvents() {
    }

    /**
     * Reads events until the handler says stop or the body ends; returns true when the handler
     * stopped it, false when the body ended first (an event not closed by a blank line is dropped,
     * as the standard says).
     */
    public static boolean read(InputStream body, Handler handler) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        String type = "";
        StringBuilder data = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null && !handler.onEvent(new Event(type.isEmpty() ? "message" : type, data.toString()))) {
                    return true;
                }
                type = "";
                data = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                case "event" -> type = value;
                default -> {
                    // id and retry concern reconnecting event sources, which a completion never does.
                }
            }
        }
        return false;
    }
}
