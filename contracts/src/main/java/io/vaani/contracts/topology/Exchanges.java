package io.vaani.contracts.topology;

/** The pipeline's exchanges (ARCHITECTURE.md §4): all durable topic exchanges. */
public final class Exchanges {
    /** {@code campaign.<id>}: CampaignTick. */
    public static final String TICKS = "vaani.ticks";
    /** {@code call.originated|ringing|answered|ended|failed}: CallEvent. */
    public static final String CALLS = "vaani.calls";
    /** {@code schedule.callback|retry|opt-out|batch}: ScheduleRequest. */
    public static final String SCHEDULE = "vaani.schedule";
    /** {@code campaign.changed}: CampaignChanged. */
    public static final String CAMPAIGNS = "vaani.campaigns";
    /** Dead letters, routed by the name of the queue they died in. */
    public static final String DEAD_LETTERS = "vaani.dlx";

    public static final String[] PIPELINE = { TICKS, CALLS, SCHEDULE, CAMPAIGNS };

    private Exchanges() {
    }
}
