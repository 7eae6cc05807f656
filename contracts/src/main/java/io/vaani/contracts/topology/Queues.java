package io.vaani.contracts.topology;

import io.vaani.contracts.messages.CallRecord;
import java.util.List;

/**
 * Every work queue of the pipeline, named {@code <consumer>.<what>}. Per-replica copies (cache
 * refresh, campaign clocks) are not here: they are exclusive server-named queues that each replica
 * binds for itself, see {@code RabbitConnection#subscribe}.
 */
public final class Queues {
    public static final WorkQueue DIALER_TICKS = new WorkQueue("dialer-core.ticks", Exchanges.TICKS, List.of("campaign.*"));
    public static final WorkQueue DIALER_CALLS = new WorkQueue("dialer-core.calls", Exchanges.CALLS, List.of("call.*"));
    /** Transcripts, figures and recording keys of finished conversations (not {@code call.*}: they are no call events). */
    public static final WorkQueue DIALER_CALL_RECORDS = new WorkQueue("dialer-core.call-records", Exchanges.CALLS,
            List.of(CallRecord.ROUTING_KEY));
    public static final WorkQueue HOPPER_TICKS = new WorkQueue("dialer-hopper.ticks", Exchanges.TICKS, List.of("campaign.*"));
    public static final WorkQueue HOPPER_CAMPAIGNS = new WorkQueue("dialer-hopper.campaigns", Exchanges.CAMPAIGNS,
            List.of("campaign.changed"));
    public static final WorkQueue SCHEDULER_CALLS = new WorkQueue("scheduler.calls", Exchanges.CALLS, List.of("call.*"));
    public static final WorkQueue SCHEDULER_REQUESTS = new WorkQueue("scheduler.requests", Exchanges.SCHEDULE,
            List.of("schedule.*"));

    public static final List<WorkQueue> ALL = List.of(DIALER_TICKS, DIALER_CALLS, DIALER_CALL_RECORDS, HOPPER_TICKS, HOPPER_CAMPAIGNS,
            SCHEDULER_CALLS, SCHEDULER_REQUESTS);

    private Queues() {
    }
}
