package io.vaani.dialer.callstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vaani.dialer.dialing.FastSimulator;
import io.vaani.testing.RealServersResource;
import io.vaani.testing.TestData;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A call that never reported back fails once its prospect's dial lease passes, and not before. */
@QuarkusTest
@TestProfile(FastSimulator.class)
@WithTestResource(value = RealServersResource.class, initArgs = {
        @ResourceArg(name = "database", value = "vaani_test_dialer_run"),
        @ResourceArg(name = "redis-db", value = "5") })
class LeaseReaperTest {
    TestData data;

    @BeforeEach
    void data() throws Exception {
        data = new TestData("vaani_test_dialer_run");
    }

    @AfterEach
    void close() throws Exception {
        data.close();
    }

    @Test
    void anExpiredLeaseBecomesAFailedCallAndARetry() throws Exception {
        UUID campaign = data.campaign("RUNNING", "OLDEST_FIRST", 3, 10, 0);
        UUID list = data.list(campaign, 0, true, null);
        long lost = data.prospect(list, "+14155550201", "America/New_York");
        long ringing = data.prospect(list, "+14155550202", "America/New_York");
        long lostCall = dialing(campaign, lost, -1);
        long ringingCall = dialing(campaign, ringing, 120);

        // The reaper runs every second in this profile; the consumer applies the failure it publishes.
        await().atMost(Duration.ofSeconds(15)).until(() -> data.status(lost).equals("RETRY_WAIT -"));
        assertThat(data.longs("select count(*) from call_logs where id = ? and outcome = 'FAILED' and error like 'no outcome%'",
                lostCall)).containsExactly(1L);
        assertThat(data.status(ringing)).isEqualTo("DIALING gone");
        assertThat(data.longs("select count(*) from call_logs where id = ? and status = 'DIALING'", ringingCall)).containsExactly(1L);
    }

    long dialing(UUID campaign, long prospect, int leaseSeconds) throws Exception {
        long call = data.longs("insert into call_logs (workspace_id, campaign_id, prospect_id, agent_id, phone, telephony) "
                + "select workspace_id, campaign_id, id, ?, phone, 'SIMULATOR' from prospects where id = ? returning id", data.agent,
                prospect).getFirst();
        data.update("update prospects set status = 'DIALING', claim_owner = 'gone', lease_until = now() + make_interval(secs => ?), "
                + "attempts = 1, last_call_log_id = ? where id = ?", leaseSeconds, call, prospect);
        return call;
    }
}
