package io.vaani.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** The helpers every service's tests stand on do what they say against the real servers. */
class TestSupportTest {

    @Test
    void recreatedDatabaseIsEmptyAndMigrated() throws Exception {
        TestDatabase.recreate("vaani_test_support");
        try (Connection db = TestDatabase.connect("vaani_test_support")) {
            db.createStatement().execute("insert into workspaces (slug, name) values ('left-over', 'W')");
        }
        TestDatabase.recreate("vaani_test_support");
        try (Connection db = TestDatabase.connect("vaani_test_support");
                ResultSet rows = db.createStatement().executeQuery("select count(*) from workspaces")) {
            rows.next();
            assertThat(rows.getInt(1)).isZero();
        }
        assertThatThrownBy(() -> TestDatabase.recreate("x; drop table users")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void proxyPassesTrafficUntilCutAndAgainWhenRestored() throws Exception {
        try (TcpProxy proxy = new TcpProxy(RealServers.REDIS_PORT)) {
            assertThat(ping(proxy.port())).isEqualTo("+PONG");
            proxy.cut();
            assertThatThrownBy(() -> ping(proxy.port())).isInstanceOf(IOException.class);
            proxy.restore();
            assertThat(ping(proxy.port())).isEqualTo("+PONG");
        }
    }

    @Test
    void redisFlushEmptiesOnlyItsDatabase() throws Exception {
        redis("SELECT 14", "SET vaani-probe 1", "SELECT 13", "SET vaani-probe 1");
        TestRedis.flush(14);
        assertThat(redis("SELECT 14", "EXISTS vaani-probe")).isEqualTo(":0");
        assertThat(redis("SELECT 13", "EXISTS vaani-probe", "DEL vaani-probe")).startsWith(":1");
    }

    /** Sends inline commands; returns the replies of all but the SELECTs, joined. */
    private static String redis(String... commands) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), RealServers.REDIS_PORT)) {
            socket.setSoTimeout(2_000);
            socket.getOutputStream().write((String.join("\r\n", commands) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            StringBuilder replies = new StringBuilder();
            for (String command : commands) {
                String reply = in.readLine();
                if (!command.startsWith("SELECT")) {
                    replies.append(reply);
                }
            }
            return replies.toString();
        }
    }

    private static String ping(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[5];
            int read = in.readNBytes(reply, 0, 5);
            String answer = new String(reply, 0, read, StandardCharsets.US_ASCII);
            // With nothing listening, a loopback connect can reach itself (TCP self-connect) and echo.
            if (!answer.equals("+PONG")) {
                throw new IOException("no Redis behind port " + port + ": read '" + answer + "'");
            }
            return answer;
        }
    }
}
