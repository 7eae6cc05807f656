package io.vaani.dialer.campaign;

import io.smallrye.mutiny.Uni;
import io.vaani.contracts.agent.AgentProfile;
import io.vaani.contracts.calling.CallingWindow;
import io.vaani.contracts.domain.ComplianceProfile;
import io.vaani.contracts.domain.CampaignStatus;
import io.vaani.contracts.domain.PacingMode;
import io.vaani.contracts.domain.Telephony;
import io.vaani.dialer.agent.AgentProfiles;
import io.vaani.dialer.pacing.CallModel;
import io.vaani.dialer.pacing.DamperSettings;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads a campaign's {@link DialPlan}: one indexed query per tick (campaign_stats sums at most 720
 * hourly rows), and its agent's profile only when the agent changed ({@link AgentProfiles}).
 */
@Singleton
public class DialPlans {
    static final String PLAN = """
            select c.workspace_id, c.agent_id, a.livekit_agent_name, c.status, c.telephony, c.dialer_interval, c.pacing_mode,
                   c.call_ratio::float8, c.max_ratio::float8, c.abandon_target::float8, c.damper_min_sample,
                   c.damper_down_factor::float8, c.damper_up_step::float8, c.max_concurrency, c.max_per_tick,
                   w.max_concurrency, t.id is not null, t.livekit_trunk_id, t.max_cps::float8, coalesce(c.caller_id, t.numbers[1]),
                   c.ring_timeout_seconds, c.abandon_message, a.max_call_seconds,
                   s.answered, s.abandoned, r.placed, r.failed, c.calling_window::text, c.compliance_profile,
                   m.placed, m.answered, m.delay_sum, m.delay_squares, m.talked, m.talk_log_sum, m.talk_log_squares,
                   a.updated_at
            from campaigns c
            join workspaces w on w.id = c.workspace_id
            join agents a on a.id = c.agent_id
            left join sip_trunks t on t.id = c.sip_trunk_id
            cross join lateral (
                select coalesce(sum(answered), 0)::int8 as answered, coalesce(sum(abandoned), 0)::int8 as abandoned
                from campaign_stats
                where campaign_id = c.id and hour >= date_trunc('hour', now())
                      - case when c.compliance_profile = 'UK' then interval '23 hours' else interval '30 days' end) s
            cross join lateral (
                select coalesce(sum(placed), 0)::int8 as placed, coalesce(sum(failed), 0)::int8 as failed
                from campaign_stats where campaign_id = c.id and hour >= date_trunc('hour', now()) - interval '1 hour') r
            cross join lateral (
                select coalesce(sum(placed), 0)::int8 as placed, coalesce(sum(answered), 0)::int8 as answered,
                       coalesce(sum(answer_delay_sum), 0)::float8 as delay_sum,
                       coalesce(sum(answer_delay_squares), 0)::float8 as delay_squares,
                       coalesce(sum(talked), 0)::int8 as talked, coalesce(sum(talk_log_sum), 0)::float8 as talk_log_sum,
                       coalesce(sum(talk_log_squares), 0)::float8 as talk_log_squares
                from campaign_stats
                where campaign_id = c.id and hour >= date_trunc('hour', now()) - interval '%d hours') m
            where c.id = $1""".formatted(DialPlan.MODEL_HOURS - 1);

    private final Pool pool;
    private final AgentProfiles profiles;

    DialPlans(Pool pool, AgentProfiles profiles) {
        this.pool = pool;
        this.profiles = profiles;
    }

    /** The campaign's plan, or empty when it no longer exists. */
    public Uni<Optional<DialPlan>> load(UUID campaignId) {
        return pool.preparedQuery(PLAN).execute(Tuple.of(campaignId)).chain(rows -> {
            if (rows.rowCount() == 0) {
                return Uni.createFrom().item(Optional.empty());
            }
            Row row = rows.iterator().next();
            return profiles.of(row.getUUID(1), row.getOffsetDateTime(36).toInstant())
                    .map(profile -> Optional.of(plan(campaignId, row, profile)));
        });
    }

    private static DialPlan plan(UUID campaignId, Row r, AgentProfile profile) {
        Optional<DialPlan.Trunk> trunk = r.getBoolean(16)
                ? Optional.of(new DialPlan.Trunk(Optional.ofNullable(r.getString(17)), r.getDouble(18),
                        Optional.ofNullable(r.getString(19))))
                : Optional.empty();
        DamperSettings damper = new DamperSettings(r.getDouble(9), r.getInteger(10), r.getDouble(11), r.getDouble(12),
                DamperSettings.defaults().carrierFailureLimit());
        return new DialPlan(campaignId, r.getUUID(0), r.getUUID(1), r.getString(2), CampaignStatus.valueOf(r.getString(3)),
                Telephony.valueOf(r.getString(4)), r.getInteger(5), PacingMode.valueOf(r.getString(6)), r.getDouble(7),
                r.getDouble(8), damper, r.getInteger(13), r.getInteger(14), r.getInteger(15), trunk, r.getInteger(20),
                r.getString(21), r.getInteger(22), r.getLong(23), r.getLong(24), r.getLong(25), r.getLong(26),
                CallingWindow.parse(r.getString(27), ComplianceProfile.valueOf(r.getString(28))),
                new CallModel.Sample(r.getLong(29), r.getLong(30), r.getDouble(31), r.getDouble(32), r.getLong(33),
                        r.getDouble(34), r.getDouble(35)), profile);
    }
}
