package io.vaani.api.campaign;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import io.vaani.api.campaign.CampaignDtos.Campaign;
import io.vaani.api.campaign.CampaignDtos.CampaignSpec;
import io.vaani.api.campaign.CampaignDtos.Damper;
import io.vaani.api.campaign.CampaignDtos.Hours;
import io.vaani.api.campaign.CampaignDtos.RetryRule;
import io.vaani.api.db.JsonColumns;
import io.vaani.api.db.Rows;
import io.vaani.api.paging.Cursor;
import io.vaani.api.paging.Page;
import io.vaani.api.paging.PageQuery;
import io.vaani.api.problem.ProblemException;
import io.vaani.contracts.domain.CallOutcome;
import io.vaani.contracts.domain.CampaignStatus;
import io.vaani.contracts.domain.ComplianceProfile;
import io.vaani.contracts.domain.LeadOrder;
import io.vaani.contracts.domain.PacingMode;
import io.vaani.contracts.domain.Telephony;
import io.vaani.contracts.messages.CampaignChanged.Change;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A workspace's campaigns: configuration and run state. Every change is committed, then announced
 * ({@link CampaignAnnouncer}): the cache key dropped and {@code campaign.changed} published.
 */
@ApplicationScoped
class Campaigns {
    private static final String COLUMNS = """
            id, workspace_id, status, name, slug, agent_id, email, telephony, sip_trunk_id, caller_id, default_region, dialer_interval,
            pacing_mode, call_ratio, max_ratio, abandon_target, damper_min_sample, damper_down_factor, damper_up_step,
            max_concurrency, max_per_tick, hopper_min, calling_window::text, fallback_timezone, compliance_profile, lead_order,
            max_attempts, retry_rules::text, abandon_lockout_seconds, abandon_message, ring_timeout_seconds, created_at, updated_at,
            started_at, stopped_at""";
    private static final String CREATE = "insert into campaigns (workspace_id, id, agent_id, slug, name, one_shot) "
            + "values ($1, $2, $3, $4, $5, $6)";
    private static final String UPDATE = """
            update campaigns set name = $3, slug = $4, agent_id = $5, email = $6, telephony = $7, sip_trunk_id = $8, caller_id = $9,
                default_region = $10, dialer_interval = $11, pacing_mode = $12, call_ratio = $13, max_ratio = $14, abandon_target = $15,
                damper_min_sample = $16, damper_down_factor = $17, damper_up_step = $18, max_concurrency = $19, max_per_tick = $20,
                hopper_min = $21, calling_window = $22::text::jsonb, fallback_timezone = $23, compliance_profile = $24,
                lead_order = $25, max_attempts = $26, retry_rules = $27::text::jsonb, abandon_lockout_seconds = $28,
                abandon_message = $29, ring_timeout_seconds = $30, updated_at = now()
            where workspace_id = $1 and id = $2 returning\s""" + COLUMNS;
    private static final String GET = "select " + COLUMNS + " from campaigns where workspace_id = $1 and id = $2 and not one_shot";
    private static final String LOCK = GET + " for update";
    /** One-shot campaigns (a batch job's) included: for writes after the caller has found the campaign. */
    private static final String LOCK_ANY = "select " + COLUMNS + " from campaigns where workspace_id = $1 and id = $2 for update";
    private static final String PAGE = "select " + COLUMNS + " from campaigns where workspace_id = $1 and not one_shot "
            + "and (created_at, id) > ($2, $3) order by created_at, id limit $4";
    private static final String MOVE = """
            update campaigns set status = $3, updated_at = now(),
                started_at = case when $3 = 'RUNNING' and status <> 'PAUSED' then now() else started_at end,
                stopped_at = case when $3 = 'STOPPED' then now() when $3 = 'RUNNING' then null else stopped_at end
            where workspace_id = $1 and id = $2 and not one_shot and status = any($4) returning\s""" + COLUMNS;
    private static final String DELETE = "delete from campaigns where workspace_id = $1 and id = $2 and not one_shot "
            + "and status not in ('RUNNING', 'PAUSED') returning " + COLUMNS;
    private static final TypeReference<Map<String, Hours>> WINDOW = new TypeReference<>() {
    };
    private static final TypeReference<Map<CallOutcome, RetryRule>> RULES = new TypeReference<>() {
    };

    /** A run-state command: the state it leads to, from which states. */
    enum Command {
        START(CampaignStatus.RUNNING, EnumSet.of(CampaignStatus.DRAFT, CampaignStatus.STOPPED, CampaignStatus.COMPLETED)),
        PAUSE(CampaignStatus.PAUSED, EnumSet.of(CampaignStatus.RUNNING)),
        RESUME(CampaignStatus.RUNNING, EnumSet.of(CampaignStatus.PAUSED)),
        STOP(CampaignStatus.STOPPED, EnumSet.of(CampaignStatus.RUNNING, CampaignStatus.PAUSED));

        final CampaignStatus to;
        final Set<CampaignStatus> from;

        Command(CampaignStatus to, Set<CampaignStatus> from) {
            this.to = to;
            this.from = from;
        }
    }

    private final Pool pool;
    private final JsonColumns json;
    private final CampaignRules rules;
    private final CampaignAnnouncer announcer;

    Campaigns(Pool pool, JsonColumns json, CampaignRules rules, CampaignAnnouncer announcer) {
        this.pool = pool;
        this.json = json;
        this.rules = rules;
        this.announcer = announcer;
    }

    Uni<Campaign> create(UUID workspace, CampaignSpec body) {
        if (body.name() == null || body.slug() == null || body.agentId() == null) {
            String field = body.name() == null ? "name" : body.slug() == null ? "slug" : "agentId";
            return Uni.createFrom().failure(ProblemException.invalid(field, "required"));
        }
        return pool.withTransaction(tx -> insert(tx, workspace, UUID.randomUUID(), body, false))
                .call(campaign -> announcer.changed(campaign, Change.CREATED, null));
    }

    /** A batch job's campaign, in the job's transaction: checked as any campaign, hidden from campaign lists. */
    Uni<Campaign> createOneShot(SqlClient tx, UUID workspace, UUID id, CampaignSpec body) {
        return insert(tx, workspace, id, body, true);
    }

    private Uni<Campaign> insert(SqlClient tx, UUID workspace, UUID id, CampaignSpec body, boolean oneShot) {
        return tx.preparedQuery(CREATE).execute(Tuple.of(workspace, id, body.agentId(), body.slug(), body.name().strip(), oneShot))
                .chain(() -> write(tx, workspace, id, body))
                .onFailure(e -> Rows.violates(e, "campaigns_workspace_id_slug_key")).transform(e -> slugTaken(body.slug()))
                .onFailure(Rows::referenced).transform(e -> ProblemException.invalid("agentId", "no such agent in this workspace"));
    }

    Uni<Campaign> get(UUID workspace, UUID id) {
        return pool.preparedQuery(GET).execute(Tuple.of(workspace, id)).map(rows -> campaign(found(rows, id)));
    }

    Uni<Page<Campaign>> list(UUID workspace, PageQuery page) {
        return pool.preparedQuery(PAGE).execute(Tuple.of(workspace, page.afterTime(), page.afterId(), page.fetch()))
                .map(rows -> Page.of(Rows.map(rows, this::campaign), page, c -> Cursor.of(c.createdAt(), c.id())));
    }

    /** Changes take effect from the next tick, running or not. */
    Uni<Campaign> change(UUID workspace, UUID id, CampaignSpec change) {
        String[] oldSlug = new String[1];
        return pool.withTransaction(tx -> tx.preparedQuery(LOCK).execute(Tuple.of(workspace, id))
                .map(rows -> campaign(found(rows, id)))
                .invoke(current -> oldSlug[0] = current.spec().slug())
                .chain(() -> write(tx, workspace, id, change)))
                .onFailure(e -> Rows.violates(e, "campaigns_workspace_id_slug_key")).transform(e -> slugTaken(change.slug()))
                .call(campaign -> announcer.changed(campaign, Change.UPDATED, oldSlug[0]));
    }

    Uni<Campaign> command(UUID workspace, UUID id, Command command) {
        Uni<Void> ready = command.to == CampaignStatus.RUNNING ? get(workspace, id).chain(rules::readyToDial) : Uni.createFrom().voidItem();
        return ready.chain(() -> pool.preparedQuery(MOVE).execute(Tuple.of(workspace, id, command.to.name(),
                        command.from.stream().map(Enum::name).toArray(String[]::new))))
                .chain(rows -> Rows.first(rows).map(row -> Uni.createFrom().item(campaign(row)))
                        .orElseGet(() -> get(workspace, id).map(current -> {
                            throw ProblemException.conflict("a " + current.status().name().toLowerCase() + " campaign cannot "
                                    + command.name().toLowerCase() + "; it can from " + command.from);
                        })))
                .call(campaign -> announcer.changed(campaign, Change.STATUS, null));
    }

    Uni<Void> delete(UUID workspace, UUID id) {
        return pool.preparedQuery(DELETE).execute(Tuple.of(workspace, id))
                .chain(rows -> Rows.first(rows).map(row -> Uni.createFrom().item(campaign(row)))
                        .orElseGet(() -> get(workspace, id).map(current -> {
                            throw ProblemException.conflict("a " + current.status().name().toLowerCase()
                                    + " campaign is not deleted; stop it first");
                        })))
                .call(campaign -> announcer.changed(campaign, Change.DELETED, null)).replaceWithVoid();
    }

    /** The change over the row as it is (with its defaults), checked as a whole, written. */
    private Uni<Campaign> write(SqlClient tx, UUID workspace, UUID id, CampaignSpec change) {
        return tx.preparedQuery(LOCK_ANY).execute(Tuple.of(workspace, id))
                .map(rows -> CampaignRules.overlay(campaign(found(rows, id)).spec(), change))
                .call(spec -> rules.check(tx, workspace, spec))
                .chain(spec -> tx.preparedQuery(UPDATE).execute(values(workspace, id, spec)))
                .map(rows -> campaign(rows.iterator().next()));
    }

    private Tuple values(UUID workspace, UUID id, CampaignSpec c) {
        return Tuple.from(Arrays.asList(workspace, id, c.name().strip(), c.slug(), c.agentId(), c.email(), c.telephony().name(),
                c.sipTrunkId(), c.callerId(), c.defaultRegion(), c.dialerInterval(), c.pacingMode().name(), c.callRatio(), c.maxRatio(),
                c.abandonTarget(), c.damper().minSample(), c.damper().downFactor(), c.damper().upStep(), c.maxConcurrency(),
                c.maxPerTick(), c.hopperMin(), json.write(c.callingWindow()), c.fallbackTimezone(), c.complianceProfile().name(),
                c.leadOrder().name(), c.maxAttempts(), json.write(c.retryRules()), c.abandonLockoutSeconds(), c.abandonMessage(),
                c.ringTimeoutSeconds()));
    }

    Campaign campaign(Row row) {
        CampaignSpec spec = new CampaignSpec(row.getString("name"), row.getString("slug"), row.getUUID("agent_id"), row.getString("email"),
                Telephony.valueOf(row.getString("telephony")), row.getUUID("sip_trunk_id"), row.getString("caller_id"),
                row.getString("default_region"), row.getInteger("dialer_interval"), PacingMode.valueOf(row.getString("pacing_mode")),
                row.getBigDecimal("call_ratio"), row.getBigDecimal("max_ratio"), row.getBigDecimal("abandon_target"),
                new Damper(row.getInteger("damper_min_sample"), row.getBigDecimal("damper_down_factor"), row.getBigDecimal("damper_up_step")),
                row.getInteger("max_concurrency"), row.getInteger("max_per_tick"), row.getInteger("hopper_min"),
                json.read(row.getString("calling_window"), WINDOW), row.getString("fallback_timezone"),
                ComplianceProfile.valueOf(row.getString("compliance_profile")), LeadOrder.valueOf(row.getString("lead_order")),
                row.getInteger("max_attempts"), json.read(row.getString("retry_rules"), RULES), row.getInteger("abandon_lockout_seconds"),
                row.getString("abandon_message"), row.getInteger("ring_timeout_seconds"));
        return new Campaign(row.getUUID("id"), row.getUUID("workspace_id"), CampaignStatus.valueOf(row.getString("status")), spec,
                Rows.instant(row, "created_at"), Rows.instant(row, "updated_at"), Rows.instant(row, "started_at"),
                Rows.instant(row, "stopped_at"));
    }

    private static Row found(RowSet<Row> rows, UUID id) {
        return Rows.first(rows).orElseThrow(() -> ProblemException.notFound("campaign " + id));
    }

    private static ProblemException slugTaken(String slug) {
        return ProblemException.conflict("slug", "'" + slug + "' is taken by another campaign of this workspace");
    }
}
