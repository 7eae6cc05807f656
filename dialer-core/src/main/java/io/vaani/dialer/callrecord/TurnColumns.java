package io.vaani.dialer.callrecord;

import com.fasterxml.jackson.databind.JsonNode;
import io.vaani.contracts.amqp.PoisonMessageException;
import io.vaani.contracts.messages.CallRecord;
import io.vaani.contracts.messages.CallRecord.Role;
import io.vaani.contracts.messages.CallRecord.Turn;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A call record's turns as one array per chat_logs column, so that one statement inserts them
 * all however long the call ({@code unnest}).
 */
record TurnColumns(Integer[] seq, String[] role, String[] content, Boolean[] interrupted, OffsetDateTime[] startedAt,
        OffsetDateTime[] endedAt, String[] metrics) {

    static TurnColumns of(CallRecord record) {
        List<Turn> turns = record.turns();
        int n = turns.size();
        TurnColumns columns = new TurnColumns(new Integer[n], new String[n], new String[n], new Boolean[n], new OffsetDateTime[n],
                new OffsetDateTime[n], new String[n]);
        for (int i = 0; i < n; i++) {
            Turn turn = turns.get(i);
            columns.seq[i] = turn.seq();
            columns.role[i] = turn.role().name();
            columns.content[i] = turn.content();
            columns.interrupted[i] = turn.interrupted();
            columns.startedAt[i] = utc(turn.startedAt());
            columns.endedAt[i] = utc(turn.endedAt());
            columns.metrics[i] = metrics(turn.metrics(), "turn " + turn.seq());
        }
        return columns;
    }

    /**
     * The call's turn count: what was said, by the callee or the agent. SYSTEM and TOOL turns are
     * the agent's bookkeeping (its prompt, tool calls and results), in the transcript but no turn of the
     * conversation.
     */
    static int spokenTurns(CallRecord record) {
        return (int) record.turns().stream().filter(t -> t.role() == Role.USER || t.role() == Role.ASSISTANT).count();
    }

    /**
     * Metrics as JSON text, null when absent. Only an object is accepted: the API serves metrics
     * as a JSON object, and anything else would break the call's and its transcript's reads.
     */
    static String metrics(JsonNode metrics, String of) {
        if (metrics == null || metrics.isNull() || metrics.isMissingNode()) {
            return null;
        }
        if (!metrics.isObject()) {
            throw new PoisonMessageException("metrics of " + of + " are not a JSON object: " + metrics.getNodeType());
        }
        return metrics.toString();
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
