package io.vaani.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vaani.agent.livekit.AgentDispatcherStandIn;
import io.vaani.contracts.agent.AgentSlots;
import io.vaani.testing.RealServersResource;
import io.vaani.testing.ServiceReadinessContract;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * agent-worker as deployed: started with LIVEKIT_URL, key and secret, it registers with LiveKit,
 * reports its slots to Redis and its load as metrics (its calls are {@code VoiceCallTest}'s).
 */
@QuarkusTest
@TestProfile(AgentWorkerTestProfile.class)
@WithTestResource(value = RealServersResource.class, initArgs = @ResourceArg(name = "redis-db", value = "6"))
@WithTestResource(LiveKitResource.class)
@WithTestResource(ProvidersResource.class)
class AgentWorkerApplicationTest extends ServiceReadinessContract {
    private static final Duration WAIT = Duration.ofSeconds(30);

    AgentDispatcherStandIn dispatcher;
    @Inject
    RedisDataSource redis;

    @Override
    protected String[] expectedChecks() {
        return new String[] { RABBITMQ, REDIS, "LiveKit agent worker" };
    }

    @Test
    void registersWithLiveKitAndReportsItsSlotsAndLoad() {
        await().atMost(WAIT).until(() -> !dispatcher.workers().isEmpty());
        assertThat(dispatcher.workers().getFirst().registration.getAgentName()).isEqualTo("app-test-agent");

        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, String> reports = redis.hash(String.class).hgetall(AgentSlots.key("app-test-agent"));
            assertThat(reports).hasSize(1);
            assertThat(AgentSlots.census(reports, Instant.now()).capacity()).isEqualTo(3);
        });
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("vaani_agent_worker_active_calls"))
                .body(containsString("vaani_agent_worker_load"))
                .body(containsString("vaani_agent_worker_job_slots 3.0"));
    }
}
