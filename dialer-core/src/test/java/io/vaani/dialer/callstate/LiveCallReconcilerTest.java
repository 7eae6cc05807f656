package io.vaani.dialer.callstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vaani.dialer.calls.CallKeys;
import io.vaani.dialer.calls.LiveCalls;
import io.vaani.dialer.dialing.FastSimulator;
import io.vaani.testing.RealServersResource;
import io.vaani.testing.TestData;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** call_logs is the truth: the registry in Redis is repaired from it, both ways; expired dial leases fail their calls. */
@QuarkusTest
@TestProfile(FastSimulator.class)
@WithTestResource(value = RealServersResource.class, initArgs = {
        @ResourceArg(name = "database", value = "vaani_test_dialer_run"),
        @ResourceArg(name = "redis-db", value = "5") })
class LiveCallReconcilerTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    LiveCallReconciler reconciler;

    @Inject
    LiveCalls live;

    TestData data;
    UUID campaign;
    CallKeys keys;

    @BeforeEach
    void data() throws Exception {
        data = new TestData("vaani_test_dialer_run");
        campaign = data.campaign("PAUSED", "OLDEST_FIRST", 3, 10, 0);
        keys = CallKeys.of(campaign, data.workspace, "vaani-agent");
    }

    @AfterEach
    void close() throws Exception {
        data.close();
    }

    /** A prospect DIALING under a lease of {@code leaseSeconds} and its call log in {@code status}. */
    long call(String phone, String status, int leaseSeconds) throws Exception {
        long prospect = data.prospect(data.list(campaign, 0, true, null), phone, "America/New_York");
        long call = data.longs("insert into call_logs (workspace_id, campaign_id, prospect_id, agent_id, phone, telephony, status) "
                + "values (?, ?, ?, ?, ?, 'SIMULATOR', ?) returning id", data.workspace, campaign, prospect, data.agent, phone, status)
                .getFirst();
        data.update("update prospects set status = 'DIALING', claim_owner = 'gone', lease_until = now() + make_interval(secs => ?), "
                + "attempts = 1, last_call_log_id = ? where id = ?", leaseSeconds, call, prospect);
        return call;
    }

    @Test
    void livesRedisLostAreCountedAgainAndEndedOnesFreed() throws Exception {
        long ringing = call("+14155550101", "RINGING", 300);
        long talking = call("+14155550102", "ANSWERED", 300);
        long ended = call("+14155550103", "DIALING", 300);
        Instant now = Instant.now();
        live.settle(keys, "t", 0, List.of(new LiveCalls.Placed(ended, now.plusSeconds(300)))).await().atMost(WAIT);
        // The call ended in call_logs, but its slot was never freed (say the replica died after the commit).
        data.update("update call_logs set status = 'ENDED', outcome = 'NO_ANSWER', ended_at = now() where id = ?", ended);

        reconciler.reconcile().await().atMost(WAIT);

        await().atMost(WAIT).until(() -> live.snapshot(keys, Instant.now()).await().atMost(WAIT)
                .equals(new LiveCalls.Snapshot(1, 1, 1, live.snapshot(keys, Instant.now()).await().atMost(WAIT).agentConnected())));
        assertThat(live.live(Instant.now()).await().atMost(WAIT)).contains(ringing, talking).doesNotContain(ended);
    }
}
