package io.vaani.dialer.callrecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vaani.contracts.amqp.PoisonMessageException;
import io.vaani.contracts.messages.CallRecord;
import io.vaani.contracts.messages.CallRecord.Role;
import io.vaani.contracts.messages.CallRecord.Turn;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TurnColumnsTest {
    static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    static CallRecord record(List<Turn> turns) {
        return new CallRecord(CallRecord.VERSION, 1, UUID.randomUUID(), null, turns, null, null, T);
    }

    static Turn turn(int seq, Role role) {
        return new Turn(seq, role, "text " + seq, false, T.plusSeconds(seq), null, null);
    }

    @Test
    void onlyWhatTheCalleeAndTheAgentSaidCountsAsTurns() {
        CallRecord record = record(List.of(turn(1, Role.SYSTEM), turn(2, Role.ASSISTANT), turn(3, Role.USER), turn(4, Role.TOOL),
                turn(5, Role.ASSISTANT)));

        assertThat(TurnColumns.spokenTurns(record)).isEqualTo(3);
        assertThat(TurnColumns.spokenTurns(record(List.of()))).isZero();
    }

    @Test
    void eachColumnHoldsItsTurnsValuesInTheRecordsOrder() {
        Turn interrupted = new Turn(2, Role.ASSISTANT, "Let me", true, T, T.plusMillis(900), JSON.objectNode().put("ttsTtfbMs", 180));
        TurnColumns columns = TurnColumns.of(record(List.of(turn(1, Role.USER), interrupted)));

        assertThat(columns.seq()).containsExactly(1, 2);
        assertThat(columns.role()).containsExactly("USER", "ASSISTANT");
        assertThat(columns.content()).containsExactly("text 1", "Let me");
        assertThat(columns.interrupted()).containsExactly(false, true);
        assertThat(columns.startedAt()).containsExactly(T.plusSeconds(1).atOffset(ZoneOffset.UTC), T.atOffset(ZoneOffset.UTC));
        assertThat(columns.endedAt()).containsExactly(null, T.plusMillis(900).atOffset(ZoneOffset.UTC));
        assertThat(columns.metrics()).containsExactly(null, "{\"ttsTtfbMs\":180}");
    }

    @Test
    void metricsMustBeAJsonObject() {
        assertThat(TurnColumns.metrics(null, "call 1")).isNull();
        assertThat(TurnColumns.metrics(JSON.nullNode(), "call 1")).isNull();
        assertThatThrownBy(() -> TurnColumns.metrics(JSON.arrayNode().add(1), "turn 3"))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("turn 3").hasMessageContaining("ARRAY");
        Turn badTurn = new Turn(1, Role.USER, "Hi", false, T, null, JSON.textNode("fast"));
        assertThatThrownBy(() -> TurnColumns.of(record(List.of(badTurn)))).isInstanceOf(PoisonMessageException.class);
    }
}
