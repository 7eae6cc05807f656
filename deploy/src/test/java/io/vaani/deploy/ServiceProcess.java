package io.vaani.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vaani.testing.RealServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A service as deployed: its packaged application ({@code <module>/target/quarkus-app}) in a JVM of
 * its own, on the real servers, logging to {@code target/<name>.log}.
 */
record ServiceProcess(String name, Process process, Path log) implements AutoCloseable {

    static ServiceProcess start(String module, String name, String database, int redisDb, Map<String, String> settings)
            throws Exception {
        Path jar = Path.of("..", module, "target", "quarkus-app", "quarkus-run.jar");
        assertThat(jar).as("%s is packaged before this module's tests (mvn verify builds it first)", module).exists();
        Path log = Path.of("target", name + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=0",
                "-Dquarkus.datasource.reactive.url=postgresql://" + RealServers.HOST + ":" + RealServers.PG_PORT + "/" + database,
                "-Dquarkus.datasource.username=" + RealServers.PG_USER,
                "-Dquarkus.datasource.password=" + RealServers.PG_PASSWORD,
                "-Dquarkus.redis.hosts=redis://" + RealServers.HOST + ":" + RealServers.REDIS_PORT + "/" + redisDb,
                "-Dvaani.rabbitmq.host=" + RealServers.HOST,
                "-Dvaani.rabbitmq.port=" + RealServers.AMQP_PORT,
                "-Dvaani.rabbitmq.username=" + RealServers.AMQP_USER,
                "-Dvaani.rabbitmq.password=" + RealServers.AMQP_PASSWORD,
                "-Dvaani.rabbitmq.virtual-host=" + RealServers.AMQP_VHOST));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServiceProcess service = new ServiceProcess(name, process, log);
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains("started in") || !process.isAlive());
        assertThat(process.isAlive()).as("%s started (see %s)", name, log).isTrue();
        return service;
    }

    /** Dies without a word, as a pod does on SIGKILL. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
