package io.vaani.testing;

import java.util.Optional;

/**
 * Where the tests find the real servers: the loopback defaults of deploy/local/infra.sh, or the
 * {@code VAANI_TEST_*} environment variables.
 */
public final class RealServers {
    public static final String HOST = env("VAANI_TEST_HOST", "127.0.0.1");
    public static final int PG_PORT = Integer.parseInt(env("VAANI_TEST_PG_PORT", "5432"));
    public static final String PG_USER = env("VAANI_TEST_PG_USER", "vaani");
    public static final String PG_PASSWORD = env("VAANI_TEST_PG_PASSWORD", "vaani");
    public static final int REDIS_PORT = Integer.parseInt(env("VAANI_TEST_REDIS_PORT", "6379"));
    public static final int AMQP_PORT = Integer.parseInt(env("VAANI_TEST_AMQP_PORT", "5672"));
    public static final String AMQP_USER = env("VAANI_TEST_AMQP_USER", "guest");
    public static final String AMQP_PASSWORD = env("VAANI_TEST_AMQP_PASSWORD", "guest");
    /** Tests never share a vhost with a running local stack. */
    public static final String AMQP_VHOST = env("VAANI_TEST_AMQP_VHOST", "vaani-test");

    private RealServers() {
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PG_PORT + "/" + database;
    }

    private static String env(String name, String fallback) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank()).orElse(fallback);
    }
}
