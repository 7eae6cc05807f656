package io.vaani.api.agent;

import io.smallrye.mutiny.Uni;
import io.vaani.api.agent.AgentDtos.Agent;
import io.vaani.api.agent.AgentDtos.AgentSpec;
import io.vaani.api.agent.AgentDtos.Model;
import io.vaani.api.agent.AgentDtos.Tools;
import io.vaani.api.agent.AgentDtos.Voice;
import io.vaani.api.agent.AgentDtos.Voicemail;
import io.vaani.api.agent.AgentDtos.VoicemailAction;
import io.vaani.api.db.JsonColumns;
import io.vaani.api.db.Rows;
import io.vaani.api.paging.Cursor;
import io.vaani.api.paging.Page;
import io.vaani.api.paging.PageQuery;
import io.vaani.api.problem.ProblemException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.UUID;

/** A workspace's agents: what the agent worker runs on a call. */
@ApplicationScoped
class Agents {
    private static final String COLUMNS = "id, name, livekit_agent_name, system_prompt, first_message, language, llm_provider, "
            + "llm_model, stt_provider, stt_model, tts_provider, tts_model, tts_voice, tools::text, voicemail_action, "
            + "voicemail_message, max_call_seconds, created_at, updated_at";
    private static final String CREATE = """
            insert into agents (workspace_id, name, livekit_agent_name, system_prompt, first_message, language, llm_provider,
                llm_model, stt_provider, stt_model, tts_provider, tts_model, tts_voice, tools, voicemail_action, voicemail_message,
                max_call_seconds)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::text::jsonb, $15, $16, $17) returning\s""" + COLUMNS;
    private static final String UPDATE = """
            update agents set name = $2, livekit_agent_name = $3, system_prompt = $4, first_message = $5, language = $6,
                llm_provider = $7, llm_model = $8, stt_provider = $9, stt_model = $10, tts_provider = $11, tts_model = $12,
                tts_voice = $13, tools = $14::text::jsonb, voicemail_action = $15, voicemail_message = $16, max_call_seconds = $17,
                updated_at = now()
            where id = $18 and workspace_id = $1 returning\s""" + COLUMNS;
    private static final String GET = "select " + COLUMNS + " from agents where id = $2 and workspace_id = $1";
    private static final String LOCK = GET + " for update";
    private static final String PAGE = "select " + COLUMNS + " from agents where workspace_id = $1 and (created_at, id) > ($2, $3) "
            + "order by created_at, id limit $4";
    private static final String DELETE = "delete from agents where id = $2 and workspace_id = $1";

    private final Pool pool;
    private final JsonColumns json;

    Agents(Pool pool, JsonColumns json) {
        this.pool = pool;
        this.json = json;
    }

    Uni<Agent> create(UUID workspace, AgentSpec body) {
        AgentSpec agent = AgentRules.create(body);
        return pool.preparedQuery(CREATE).execute(values(workspace, agent)).map(rows -> agent(rows.iterator().next()));
    }

    Uni<Agent> get(UUID workspace, UUID id) {
        return get(pool, GET, workspace, id);
    }

    Uni<Page<Agent>> list(UUID workspace, PageQuery page) {
        return pool.preparedQuery(PAGE).execute(Tuple.of(workspace, page.afterTime(), page.afterId(), page.fetch()))
                .map(rows -> Page.of(Rows.map(rows, this::agent), page, a -> Cursor.of(a.createdAt(), a.id())));
    }

    /** Read, changed and written under the row's lock, so two changes at once both land. */
    Uni<Agent> change(UUID workspace, UUID id, AgentSpec change) {
        return pool.withTransaction(tx -> get(tx, LOCK, workspace, id)
                .map(current -> AgentRules.change(current.spec(), change))
                .chain(agent -> tx.preparedQuery(UPDATE).execute(values(workspace, agent).addUUID(id)))
                .map(rows -> agent(rows.iterator().next())));
    }

    Uni<Void> delete(UUID workspace, UUID id) {
        return pool.preparedQuery(DELETE).execute(Tuple.of(workspace, id))
                .onFailure(Rows::referenced).transform(e -> ProblemException.conflict(
                        "agent " + id + " is used by campaigns or batch jobs; delete or change those first"))
                .invoke(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.notFound("agent " + id);
                    }
                }).replaceWithVoid();
    }

    private Uni<Agent> get(SqlClient sql, String query, UUID workspace, UUID id) {
        return sql.preparedQuery(query).execute(Tuple.of(workspace, id))
                .map(rows -> agent(Rows.first(rows).orElseThrow(() -> ProblemException.notFound("agent " + id))));
    }

    private Tuple values(UUID workspace, AgentSpec a) {
        return Tuple.from(Arrays.asList(workspace, a.name().strip(), a.livekitAgentName(), a.systemPrompt(), a.firstMessage(),
                a.language(), a.llm().provider(), a.llm().model(), a.stt().provider(), a.stt().model(), a.tts().provider(),
                a.tts().model(), a.tts().voice(), json.write(a.tools()), a.voicemail().action().name(), a.voicemail().message(),
                a.maxCallSeconds()));
    }

    private Agent agent(Row row) {
        AgentSpec spec = new AgentSpec(row.getString("name"), row.getString("livekit_agent_name"), row.getString("system_prompt"),
                row.getString("first_message"), row.getString("language"),
                new Model(row.getString("llm_provider"), row.getString("llm_model")),
                new Model(row.getString("stt_provider"), row.getString("stt_model")),
                new Voice(row.getString("tts_provider"), row.getString("tts_model"), row.getString("tts_voice")),
                json.read(row.getString("tools"), Tools.class),
                new Voicemail(VoicemailAction.valueOf(row.getString("voicemail_action")), row.getString("voicemail_message")),
                row.getInteger("max_call_seconds"));
        return new Agent(row.getUUID("id"), spec, Rows.instant(row, "created_at"), Rows.instant(row, "updated_at"));
    }
}
