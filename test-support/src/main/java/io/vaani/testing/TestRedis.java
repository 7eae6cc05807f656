package io.vaani.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Empties one Redis database over a plain socket, so tests start from no keys. */
public final class TestRedis {
    private TestRedis() {
    }

    public static void flush(int db) {
        try (Socket socket = new Socket(RealServers.HOST, RealServers.REDIS_PORT)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(command("SELECT", String.valueOf(db)));
            out.write(command("FLUSHDB"));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (int i = 0; i < 2; i++) {
                String reply = in.readLine();
                if (reply == null || !reply.startsWith("+OK")) {
                    throw new IOException("Redis answered " + reply);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush Redis db " + db + " (run deploy/local/infra.sh up)", e);
        }
    }

    /** Runs one command on database {@code db}; returns the reply's first line (":3", "+OK", "$5", ...). */
    public static String call(int db, String... words) {
        try (Socket socket = new Socket(RealServers.HOST, RealServers.REDIS_PORT)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(command("SELECT", String.valueOf(db)));
            out.write(command(words));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            in.readLine();
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("Redis command " + words[0] + " failed", e);
        }
    }

    private static byte[] command(String... words) {
        StringBuilder resp = new StringBuilder("*").append(words.length).append("\r\n");
        for (String word : words) {
            resp.append('$').append(word.length()).append("\r\n").append(word).append("\r\n");
        }
        return resp.toString().getBytes(StandardCharsets.UTF_8);
    }
}
