package io.vaani.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Boots a service against the real servers: a freshly migrated database of its own
 * ({@code database} argument; leave it out for a service without PostgreSQL, and set {@code jdbc}
 * to {@code true} for one that also has a JDBC datasource), an emptied Redis database
 * ({@code redis-db}), and the test vhost with its queues purged. Hands the connection settings to
 * the application. With {@code amqp-proxy=true} the service reaches RabbitMQ through a
 * {@link TcpProxy}, injected into the test's {@code TcpProxy} field, so a test can cut it.
 */
public class RealServersResource implements QuarkusTestResourceLifecycleManager {
    private String database;
    private boolean jdbc;
    private int redisDb;
    private TcpProxy amqpProxy;

    @Override
    public void init(Map<String, String> args) {
        database = args.get("database");
        jdbc = Boolean.parseBoolean(args.getOrDefault("jdbc", "false"));
        redisDb = Integer.parseInt(args.getOrDefault("redis-db", "15"));
        if (Boolean.parseBoolean(args.getOrDefault("amqp-proxy", "false"))) {
            amqpProxy = new TcpProxy(RealServers.AMQP_PORT);
        }
    }

    @Override
    public Map<String, String> start() {
        TestQueues.purgeAll();
        TestRedis.flush(redisDb);
        Map<String, String> config = new HashMap<>();
        if (database != null) {
            String jdbcUrl = TestDatabase.recreate(database);
            config.put("quarkus.datasource.username", RealServers.PG_USER);
            config.put("quarkus.datasource.password", RealServers.PG_PASSWORD);
            config.put("quarkus.datasource.reactive.url", jdbcUrl.substring("jdbc:".length()));
            if (jdbc) {
                config.put("quarkus.datasource.jdbc.url", jdbcUrl);
            }
        }
        config.put("quarkus.redis.hosts", "redis://" + RealServers.HOST + ":" + RealServers.REDIS_PORT + "/" + redisDb);
        config.put("vaani.rabbitmq.host", RealServers.HOST);
        config.put("vaani.rabbitmq.port", String.valueOf(amqpProxy != null ? amqpProxy.port() : RealServers.AMQP_PORT));
        config.put("vaani.rabbitmq.username", RealServers.AMQP_USER);
        config.put("vaani.rabbitmq.password", RealServers.AMQP_PASSWORD);
        config.put("vaani.rabbitmq.virtual-host", RealServers.AMQP_VHOST);
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        if (amqpProxy != null) {
            injector.injectIntoFields(amqpProxy, new TestInjector.MatchesType(TcpProxy.class));
        }
    }

    @Override
    public void stop() {
        // The database stays for inspection after a failed run; the next run recreates it.
        if (amqpProxy != null) {
            amqpProxy.close();
        }
    }
}
