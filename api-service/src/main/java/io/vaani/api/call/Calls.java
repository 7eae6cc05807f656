package io.vaani.api.call;

import io.smallrye.mutiny.Uni;
import io.vaani.api.call.CallDtos.Call;
import io.vaani.api.call.CallDtos.CallStatus;
import io.vaani.api.call.CallDtos.Transcript;
import io.vaani.api.chat.ChatLogs;
import io.vaani.api.db.Filtered;
import io.vaani.api.db.Rows;
import io.vaani.api.paging.Page;
import io.vaani.api.paging.PageQuery;
import io.vaani.api.problem.ProblemException;
import io.vaani.contracts.domain.CallOutcome;
import io.vaani.contracts.domain.Telephony;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * Call logs, newest first by id, and their transcripts. A campaign or a number picks the index
 * walked (contracts/README.md); state, outcome and time are filters on that walk.
 */
@ApplicationScoped
class Calls {
    static final String COLUMNS = "id, campaign_id, prospect_id, batch_item_id, agent_id, phone, caller_id, attempt, telephony, "
            + "room_name, status, outcome, disposition, sip_status, created_at, ringing_at, answered_at, ended_at, talk_seconds, "
            + "turn_count, recording_key, metrics, error";
    private static final String GET = "select " + COLUMNS + " from call_logs where workspace_id = $1 and id = $2";

    /** The list's filters, each optional. */
    record Filter(UUID campaign, CallStatus status, CallOutcome outcome, Instant from, Instant to, String phone) {
        Filter {
            if (from != null && to != null && !from.isBefore(to)) {
                throw ProblemException.invalid("to", "must be after from");
            }
        }
    }

    private final Pool pool;
    private final ChatLogs chats;

    Calls(Pool pool, ChatLogs chats) {
        this.pool = pool;
        this.chats = chats;
    }

    Uni<Page<Call>> list(UUID workspace, Filter filter, PageQuery page) {
        Filtered query = new Filtered("select " + COLUMNS + " from call_logs where workspace_id = $1", workspace)
                .and("campaign_id =", filter.campaign())
                .and("phone =", filter.phone());
        if (filter.status() != null) {
            // A literal, so that every plan of a live state may use the partial index of live calls (a generic
            // plan cannot prove "status = $n" excludes ENDED); the value is one of the enum's names.
            query.andLiteral("status = '" + filter.status().name() + "'");
        }
        query.and("outcome =", filter.outcome() == null ? null : filter.outcome().name())
                .and("created_at >=", filter.from() == null ? null : filter.from().atOffset(ZoneOffset.UTC))
                .and("created_at <", filter.to() == null ? null : filter.to().atOffset(ZoneOffset.UTC))
                .and("id <", page.afterSeq(true));
        return pool.preparedQuery(query.sql("order by id desc limit " + page.fetch())).execute(query.values())
                .map(rows -> Page.bySeq(Rows.map(rows, Calls::call), page, Call::id));
    }

    Uni<Call> get(UUID workspace, long id) {
        return row(workspace, id).map(Calls::call);
    }

    /** The stored object key of the call's recording. */
    Uni<String> recordingKey(UUID workspace, long id) {
        return row(workspace, id).map(row -> {
            String key = row.getString("recording_key");
            if (key == null) {
                throw ProblemException.notFound("recording of call " + id);
            }
            return key;
        });
    }

    Uni<Transcript> transcript(UUID workspace, long id) {
        return row(workspace, id).chain(() -> chats.ofCall(workspace, id)).map(turns -> new Transcript(id, turns));
    }

    private Uni<Row> row(UUID workspace, long id) {
        return pool.preparedQuery(GET).execute(Tuple.of(workspace, id))
                .map(rows -> Rows.first(rows).orElseThrow(() -> ProblemException.notFound("call " + id)));
    }

    static Call call(Row row) {
        String outcome = row.getString("outcome");
        return new Call(row.getLong("id"), row.getUUID("campaign_id"), row.getLong("prospect_id"), row.getLong("batch_item_id"),
                row.getUUID("agent_id"), row.getString("phone"), row.getString("caller_id"), row.getInteger("attempt"),
                Telephony.valueOf(row.getString("telephony")), row.getString("room_name"), CallStatus.valueOf(row.getString("status")),
                outcome == null ? null : CallOutcome.valueOf(outcome), row.getString("disposition"), row.getInteger("sip_status"),
                Rows.instant(row, "created_at"), Rows.instant(row, "ringing_at"), Rows.instant(row, "answered_at"),
                Rows.instant(row, "ended_at"), row.getInteger("talk_seconds"), row.getInteger("turn_count"),
                row.getString("recording_key") != null, map(row.getJsonObject("metrics")), row.getString("error"));
    }

    private static Map<String, Object> map(JsonObject json) {
        return json == null ? null : json.getMap();
    }
}
