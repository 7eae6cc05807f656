package io.vaani.api.chat;

import io.smallrye.mutiny.Uni;
import io.vaani.api.call.CallDtos.Turn;
import io.vaani.api.db.Filtered;
import io.vaani.api.db.Rows;
import io.vaani.api.paging.Page;
import io.vaani.api.paging.PageQuery;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Conversation turns the agent worker recorded (chat_logs): a call's in order, or a workspace's newest first. */
@ApplicationScoped
public class ChatLogs {
    private static final String COLUMNS = "id, call_log_id, agent_id, seq, role, content, interrupted, started_at, ended_at, metrics";
    private static final String OF_CALL = "select " + COLUMNS + " from chat_logs where workspace_id = $1 and call_log_id = $2 order by seq";

    private final Pool pool;

    ChatLogs(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Turn>> ofCall(UUID workspace, long call) {
        return pool.preparedQuery(OF_CALL).execute(Tuple.of(workspace, call)).map(rows -> Rows.map(rows, ChatLogs::turn));
    }

    /** Turns newest first; by call (its index), by agent (its index), or the workspace's. */
    Uni<Page<Turn>> list(UUID workspace, Long call, UUID agent, PageQuery page) {
        Filtered query = new Filtered("select " + COLUMNS + " from chat_logs where workspace_id = $1", workspace)
                .and("call_log_id =", call)
                .and("agent_id =", agent)
                .and("id <", page.afterSeq(true));
        return pool.preparedQuery(query.sql("order by id desc limit " + page.fetch())).execute(query.values())
                .map(rows -> Page.bySeq(Rows.map(rows, ChatLogs::turn), page, Turn::id));
    }

    private static Turn turn(Row row) {
        JsonObject metrics = row.getJsonObject("metrics");
        return new Turn(row.getLong("id"), row.getLong("call_log_id"), row.getUUID("agent_id"), row.getInteger("seq"),
                row.getString("role"), row.getString("content"), row.getBoolean("interrupted"), Rows.instant(row, "started_at"),
                Rows.instant(row, "ended_at"), metrics == null ? null : metrics.getMap());
    }
}
