package io.vaani.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vaani.agent.job.CallMetadata;
import io.vaani.agent.livekit.AgentDispatcherStandIn;
import io.vaani.agent.livekit.AgentDispatcherStandIn.Dispatch;
import io.vaani.agent.livekit.LiveKitStandIn;
import io.vaani.agent.livekit.StandInRoom;
import io.vaani.agent.livekit.StandInSession;
import io.vaani.contracts.agent.AgentJobMetadata.Mode;
import io.vaani.contracts.agent.AgentSlots;
import io.vaani.testing.RealServersResource;
import io.vaani.testing.ServiceReadinessContract;
import java.time.Duration;
import java.time.Instant;
import jakarta.inject.Inject;
import java.util.Map;
import livekit.LivekitAgent.JobStatus;
import livekit.LivekitAgent.UpdateJobStatus;
import org.junit.jupiter.api.Test;

/**
 * agent-worker as deployed: started with LIVEKIT_URL, key and secret, it registers with LiveKit,
 * reports its slots to Redis and its load as metrics, and takes a call with its own job handler.
 */
@QuarkusTest
@TestProfile(AgentWorkerApplicationTest.Profile.class)
@WithTestResource(value = RealServersResource.class, initArgs = @ResourceArg(name = "redis-db", value = "6"))
@WithTestResource(LiveKitResource.class)
class AgentWorkerApplicationTest extends ServiceReadinessContract {
    private static final Duration WAIT = Duration.ofSeconds(30);

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vaani.agent.name", "app-test-agent", "vaani.agent.max-jobs", "3", "vaani.agent.join-timeout", "5s");
        }
    }

    LiveKitStandIn livekit;
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

    @Test
    void takesACallWithItsOwnJobHandler() throws Exception {
        await().atMost(WAIT).until(() -> !dispatcher.workers().isEmpty());
        StandInRoom room = livekit.createRoom("call-app-" + System.nanoTime());

        Dispatch dispatch = dispatcher.dispatch(room.name(), CallMetadata.json(77, Mode.CONVERSATION));

        assertThat(dispatch.assigned()).isTrue();
        await().atMost(WAIT).until(() -> !room.sessions().isEmpty()
                && "listening".equals(room.sessions().getFirst().attributes().get("lk.agent.state")));
        StandInSession session = room.sessions().getFirst();
        assertThat(session.publishedTracks()).hasSize(1);
        given().get("/q/metrics").then().body(containsString("vaani_agent_worker_active_calls 1.0"));

        room.callerLeaves();
        await().atMost(WAIT).until(() -> dispatcher.jobUpdates(dispatch.job().getId()).stream().map(UpdateJobStatus::getStatus)
                .toList().contains(JobStatus.JS_SUCCESS));
        assertThat(session.clientLeave()).succeedsWithin(WAIT);
    }
}
