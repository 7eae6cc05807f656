package io.vaani.scheduler;

import io.vaani.contracts.amqp.RabbitConnection;
import io.vaani.contracts.domain.CallOutcome;
import io.vaani.contracts.messages.CallEnded;
import io.vaani.contracts.messages.CallEvent;
import io.vaani.contracts.messages.CallFailed;
import io.vaani.contracts.messages.Message;
import io.vaani.testing.TestData;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Test data for the scheduler: prospects in a call, and the events and requests that reach it. */
public final class SchedulerFixture implements AutoCloseable {
    public static final String DATABASE = "vaani_test_scheduler_service";

    public final TestData data;
    private final RabbitConnection rabbit;

    public SchedulerFixture(RabbitConnection rabbit) throws Exception {
        this.data = new TestData(DATABASE);
        this.rabbit = rabbit;
    }

    /** Puts {@code prospect} in a call (its {@code attempt}-th) leased for {@code leaseSeconds}; returns the call. */
    public long dialing(long prospect, int attempt, int leaseSeconds, String telephony) throws Exception {
        long call = data.longs("insert into call_logs (workspace_id, campaign_id, prospect_id, agent_id, phone, attempt, telephony, "
                + "room_name, status) select workspace_id, campaign_id, id, ?, phone, ?, ?, 'call-' || id, 'RINGING' from prospects "
                + "where id = ? returning id", data.agent, attempt, telephony, prospect).getFirst();
        data.update("update call_logs set room_name = 'call-' || id where id = ?", call);
        data.update("update prospects set status = 'DIALING', claim_owner = 'dialer', lease_until = now() + make_interval(secs => ?), "
                + "attempts = ?, last_call_log_id = ? where id = ?", leaseSeconds, attempt, call, prospect);
        return call;
    }

    public long dialing(long prospect, int attempt) throws Exception {
        return dialing(prospect, attempt, 600, "SIMULATOR");
    }

    /** The call's final event, as dialer-core publishes it, stamped at a whole second. */
    public CallEvent ended(long call, CallOutcome outcome, Instant at) throws Exception {
        UUID campaign = data.uuid("select campaign_id from call_logs where id = ?", call);
        long prospect = data.longs("select prospect_id from call_logs where id = ?", call).getFirst();
        Instant when = at.truncatedTo(ChronoUnit.SECONDS);
        return outcome.answered()
                ? new CallEnded(CallEvent.VERSION, call, data.workspace, campaign, prospect, when, outcome, null, 30, null)
                : new CallFailed(CallEvent.VERSION, call, data.workspace, campaign, prospect, when, outcome, 486, "test");
    }

    public void publish(Message message) {
        rabbit.publish(message).join();
    }

    @Override
    public void close() throws Exception {
        data.close();
    }
}
