package io.vaani.dialer.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.smallrye.mutiny.Uni;
import io.vaani.contracts.agent.AgentProfile;
import io.vaani.dialer.config.DialerConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The profiles agents are dispatched with. Campaign plans are read on every tick, and an agent
 * edit announces nothing, so a plan carries its agent's {@code updated_at} and the profile (a
 * prompt of up to 20,000 characters, tools) is read again only when that changed: every call is
 * dispatched with the agent as it was at the tick that placed it, without moving the prompt on
 * every tick. Kept for the most recently used agents only.
 */
@Singleton
public class AgentProfiles {
    static final String PROFILE = """
            select updated_at, name, system_prompt, first_message, language, llm_provider, llm_model, stt_provider, stt_model,
                   tts_provider, tts_model, tts_voice, tools::text, voicemail_action, voicemail_message, max_call_seconds
            from agents where id = $1""";

    private record Version(Instant updatedAt, AgentProfile profile) {
    }

    private final Pool pool;
    private final ObjectReader tools;
    private final Map<UUID, Version> versions;

    AgentProfiles(Pool pool, ObjectMapper json, DialerConfig config) {
        this.pool = pool;
        // A field api-service adds to the tools later must not stop dispatches.
        this.tools = json.readerFor(AgentProfile.Tools.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        int capacity = config.agentProfileCacheSize();
        this.versions = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Version> eldest) {
                return size() > capacity;
            }
        });
    }

    /** The agent's profile as of {@code updatedAt}, or newer should it have changed again since. */
    public Uni<AgentProfile> of(UUID agentId, Instant updatedAt) {
        Version cached = versions.get(agentId);
        if (cached != null && cached.updatedAt().equals(updatedAt)) {
            return Uni.createFrom().item(cached.profile());
        }
        return pool.preparedQuery(PROFILE).execute(Tuple.of(agentId)).map(rows -> {
            if (rows.rowCount() == 0) {
                throw new IllegalStateException("agent " + agentId + " no longer exists");
            }
            Row row = rows.iterator().next();
            Version read = new Version(row.getOffsetDateTime(0).toInstant(), profile(agentId, row));
            versions.put(agentId, read);
            return read.profile();
        });
    }

    private AgentProfile profile(UUID agentId, Row r) {
        return new AgentProfile(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                new AgentProfile.Model(r.getString(5), r.getString(6)), new AgentProfile.Model(r.getString(7), r.getString(8)),
                new AgentProfile.Voice(r.getString(9), r.getString(10), r.getString(11)), tools(agentId, r.getString(12)),
                AgentProfile.VoicemailAction.valueOf(r.getString(13)), r.getString(14), r.getInteger(15));
    }

    private AgentProfile.Tools tools(UUID agentId, String json) {
        try {
            return tools.readValue(json);
        } catch (JsonProcessingException e) {
            // Dispatching the agent without the tools its prompt relies on would be worse than not dialing.
            throw new IllegalStateException("agent " + agentId + " has unreadable tools: " + e.getOriginalMessage(), e);
        }
    }
}
