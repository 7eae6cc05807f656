package io.vaani.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The local stack's scripts parse, agree with each other, and report the real servers. */
class LocalStackScriptsTest {
    private static final Path LOCAL = Path.of("local").toAbsolutePath();

    static Stream<Path> scripts() throws IOException {
        try (Stream<Path> files = Files.list(LOCAL)) {
            return files.filter(p -> p.toString().endsWith(".sh")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void scriptIsValidBashAndExecutable(Path script) throws Exception {
        assertThat(Files.isExecutable(script)).as(script + " is executable").isTrue();
        Result result = run("bash", "-n", script.toString());
        assertThat(result.exit()).as(result.output()).isZero();
    }

    @Test
    void composeOffersTheServersOnThePortsInfraChecks() throws IOException {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(LOCAL.resolve("compose.yaml").toFile());
        String infra = Files.readString(LOCAL.resolve("infra.sh"));
        assertThat(compose.path("services").properties()).extracting(e -> e.getKey())
                .containsExactlyInAnyOrder("postgres", "redis", "rabbitmq");
        for (var entry : List.of(new String[] { "postgres", "5432", "PG_PORT" },
                new String[] { "redis", "6379", "REDIS_PORT" }, new String[] { "rabbitmq", "5672", "AMQP_PORT" })) {
            List<String> ports = new ArrayList<>();
            compose.path("services").path(entry[0]).path("ports").forEach(p -> ports.add(p.asText()));
            assertThat(ports).anyMatch(p -> p.equals("127.0.0.1:" + entry[1] + ":" + entry[1]));
            assertThat(infra).contains(entry[2] + "=" + entry[1]);
        }
        assertThat(compose.at("/services/postgres/environment/POSTGRES_USER").asText()).isEqualTo("vaani");
    }

    @Test
    void infraStatusSeesEveryRealServerUp() throws Exception {
        Result result = run("bash", LOCAL.resolve("infra.sh").toString(), "status");
        assertThat(result.exit()).isZero();
        assertThat(result.output()).contains("PostgreSQL: up", "Redis: up", "RabbitMQ: up").doesNotContain("DOWN");
    }

    @Test
    void runScriptExplainsItself() throws Exception {
        Result result = run("bash", LOCAL.resolve("run.sh").toString(), "--help");
        assertThat(result.exit()).isZero();
        assertThat(result.output()).contains("usage", "stop", "--prospects", "--speed", "--keep-running", "Ctrl-C");
    }

    @Test
    void runScriptRefusesBadOptionsPlainly() throws Exception {
        Result count = run("bash", LOCAL.resolve("run.sh").toString(), "--prospects", "many");
        assertThat(count.exit()).isNotZero();
        assertThat(count.output()).contains("--prospects takes a positive whole number");
        Result unknown = run("bash", LOCAL.resolve("run.sh").toString(), "--fast");
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.output()).contains("unknown option --fast", "usage");
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
