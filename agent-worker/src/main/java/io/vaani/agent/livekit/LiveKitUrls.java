package io.vaani.agent.livekit;

import java.net.URI;

/** LiveKit's websocket endpoints from its configured address (ws, wss, http or https, perhaps under a path). */
public final class LiveKitUrls {
    private LiveKitUrls() {
    }

    /** {@code base} with its scheme made ws/wss and {@code endpoint} (e.g. "agent", "rtc") appended to its path. */
    public static URI websocket(String base, String endpoint) {
        URI uri = URI.create(base.strip());
        String scheme = switch (uri.getScheme() == null ? "" : uri.getScheme().toLowerCase()) {
            case "ws", "http" -> "ws";
            case "wss", "https" -> "wss";
            default -> throw new IllegalArgumentException("not a LiveKit URL (ws://, wss://, http:// or https://): " + base);
        };
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String joined = path + "/" + endpoint;
        return URI.create(scheme + "://" + uri.getRawAuthority() + joined);
    }

    /** {@code base} as the http(s) address of LiveKit's Twirp API. */
    public static String http(String base) {
        String uri = base.strip();
        return uri.startsWith("wss://") ? "https://" + uri.substring(6) : uri.startsWith("ws://") ? "http://" + uri.substring(5) : uri;
    }
}
