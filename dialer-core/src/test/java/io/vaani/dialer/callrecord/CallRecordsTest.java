package io.vaani.dialer.callrecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vaani.contracts.messages.CallRecord;
import io.vaani.contracts.messages.CallRecord.Role;
import io.vaani.contracts.messages.CallRecord.Turn;
import io.vaani.contracts.topology.Exchanges;
import io.vaani.contracts.topology.Queues;
import io.vaani.testing.RealServersResource;
import io.vaani.testing.TestData;
import io.vaani.testing.TestQueues;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Call records published on {@code vaani.calls} land in chat_logs and the call log through the
 * real broker and database; a redelivery changes nothing; what can never be stored is dead-lettered at once.
 */
@QuarkusTest
@WithTestResource(value = RealServersResource.class, initArgs = {
        @ResourceArg(name = "database", value = "vaani_test_dialer_records"),
        @ResourceArg(name = "redis-db", value = "9") })
class CallRecordsTest {
    static final Duration WAIT = Duration.ofSeconds(15);
    static final Instant T = Instant.parse("2026-03-02T10:15:30.123456Z");
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Inject
    CallRecords records;

    @Inject
    ObjectMapper json;

    TestData data;
    Connection rabbit;
    Channel channel;
    /** Dead letters of the call-records queue seen so far, by message id, with the reason they died. */
    final Map<String, String> deadLetters = new ConcurrentHashMap<>();

    @BeforeEach
    void open() throws Exception {
        data = new TestData("vaani_test_dialer_records");
        rabbit = TestQueues.factory().newConnection("call-records-test");
        channel = rabbit.createChannel();
    }

    @AfterEach
    void close() throws Exception {
        rabbit.close();
        data.close();
    }

    long callLog() throws Exception {
        UUID campaign = data.campaign("RUNNING", "OLDEST_FIRST", 3, 10, 0);
        return data.longs("insert into call_logs (workspace_id, campaign_id, agent_id, phone, telephony, status, outcome) "
                + "values (?, ?, ?, '+14155550123', 'LIVEKIT', 'ENDED', 'COMPLETED') returning id", data.workspace, campaign, data.agent)
                .getFirst();
    }

    CallRecord record(long call, List<Turn> turns, JsonNode metrics, String recordingKey) {
        return new CallRecord(CallRecord.VERSION, call, data.workspace, data.agent, turns, metrics, recordingKey, T.plusSeconds(60));
    }

    static List<Turn> conversation() {
        return List.of(
                new Turn(1, Role.SYSTEM, "You call about renewals.", false, T, T, null),
                new Turn(2, Role.ASSISTANT, "Hi Ada, this is Asha from Acme.", false, T.plusMillis(200), T.plusSeconds(2),
                        JSON.objectNode().put("ttsTtfbMs", 180)),
                new Turn(3, Role.USER, "Hi. Is this about my policy?", false, T.plusSeconds(3), T.plusSeconds(5),
                        JSON.objectNode().put("eouDelayMs", 410)),
                new Turn(4, Role.TOOL, "{\"policy\":\"P-7\"}", false, T.plusSeconds(5), T.plusSeconds(6), null),
                new Turn(5, Role.ASSISTANT, "Yes, your policy P-7 renews on", true, T.plusSeconds(6), null,
                        JSON.objectNode().put("llmTtftMs", 320).put("ttsTtfbMs", 150)));
    }

    @Test
    void aRecordLandsTurnByTurnInChatLogsAndOnTheCallLog() throws Exception {
        long call = callLog();
        JsonNode metrics = JSON.objectNode().put("turns", 5).put("meanLlmTtftMs", 320);
        CallRecord record = record(call, conversation(), metrics, "mv/2026/03/02/" + call + ".ogg");

        TestQueues.publish(channel, record);

        await().atMost(WAIT).until(() -> data.count("select count(*) from chat_logs where call_log_id = ?", call) == 5);
        assertThat(turns(call)).isEqualTo(expected(call, conversation()));
        // turn_count: the callee's and the agent's turns, not the system prompt or the tool's answer.
        assertThat(data.text("select turn_count || ' ' || recording_key from call_logs where id = ?", call))
                .isEqualTo("3 mv/2026/03/02/" + call + ".ogg");
        assertThat(json.readTree(data.text("select metrics::text from call_logs where id = ?", call))).isEqualTo(metrics);
        assertThat(deadLetter(record.messageId(), Duration.ofMillis(500))).isNull();
    }

    @Test
    void aRedeliveredRecordChangesNothing() throws Exception {
        long call = callLog();
        CallRecord record = record(call, conversation(), JSON.objectNode().put("turns", 5), "mv/2026/03/02/" + call + ".ogg");
        TestQueues.publish(channel, record);
        await().atMost(WAIT).until(() -> data.count("select count(*) from chat_logs where call_log_id = ?", call) == 5);
        List<String> stored = storedRows(call);

        // What the consumer runs on each delivery, again: the same record, and one that adds nothing new.
        records.save(record).await().atMost(WAIT);
        records.save(record(call, conversation(), null, null)).await().atMost(WAIT);

        assertThat(storedRows(call)).isEqualTo(stored);
        // And through the broker: still acknowledged, never dead-lettered.
        TestQueues.publish(channel, record);
        assertThat(deadLetter(record.messageId(), Duration.ofSeconds(2))).isNull();
        assertThat(storedRows(call)).isEqualTo(stored);
    }

    @Test
    void aLongCallIsStoredWhole() throws Exception {
        long call = callLog();
        List<Turn> turns = IntStream.rangeClosed(1, 800).mapToObj(seq -> new Turn(seq, seq % 2 == 0 ? Role.USER : Role.ASSISTANT,
                "turn " + seq, false, T.plusSeconds(seq), T.plusSeconds(seq).plusMillis(900), null)).toList();

        records.save(record(call, turns, null, null)).await().atMost(WAIT);

        assertThat(data.count("select count(*) from chat_logs where call_log_id = ?", call)).isEqualTo(800);
        assertThat(data.count("select turn_count from call_logs where id = ?", call)).isEqualTo(800);
        assertThat(data.text("select string_agg(seq::text, ',' order by id) from chat_logs where call_log_id = ?", call))
                .isEqualTo(String.join(",", IntStream.rangeClosed(1, 800).mapToObj(String::valueOf).toList()));
        assertThat(data.text("select recording_key from call_logs where id = ?", call)).isNull();
    }

    @Test
    void aRecordForAnUnknownCallIsDeadLetteredAtOnce() throws Exception {
        long call = callLog();
        CallRecord unknown = record(call + 1_000_000, conversation(), null, null);
        // A real call log, but the record says another workspace: not stored there either.
        CallRecord elsewhere = new CallRecord(CallRecord.VERSION, call, UUID.randomUUID(), data.agent, conversation(), null, null, T);

        TestQueues.publish(channel, unknown);
        TestQueues.publish(channel, elsewhere);

        // Rejected on its first delivery, not retried until the delivery limit gives up.
        assertThat(deadLetter(unknown.messageId(), WAIT)).isEqualTo("rejected");
        assertThat(deadLetter(elsewhere.messageId(), WAIT)).isEqualTo("rejected");
        assertThat(data.count("select count(*) from chat_logs where call_log_id = ?", call)).isZero();
        assertThat(data.text("select coalesce(turn_count::text, 'none') from call_logs where id = ?", call)).isEqualTo("none");
    }

    @Test
    void malformedRecordsAreDeadLetteredAtOnce() throws Exception {
        long call = callLog();
        // No workspace: it does not decode.
        publishRaw("malformed-" + call, "{\"version\":1,\"callLogId\":" + call + ",\"turns\":[],\"at\":\"2026-03-02T10:00:00Z\"}");
        // Decodes, but its figures are no JSON object: the API could not serve them.
        CallRecord arrayMetrics = record(call, conversation(), JSON.arrayNode().add(1), null);
        TestQueues.publish(channel, arrayMetrics);
        // A NUL character PostgreSQL refuses in text: fails the same way on every retry.
        long other = callLog();
        CallRecord nul = record(other, List.of(new Turn(1, Role.USER, "a\u0000b", false, T, null, null)), null, null);
        TestQueues.publish(channel, nul);

        assertThat(deadLetter("malformed-" + call, WAIT)).isEqualTo("rejected");
        assertThat(deadLetter(arrayMetrics.messageId(), WAIT)).isEqualTo("rejected");
        assertThat(deadLetter(nul.messageId(), WAIT)).isEqualTo("rejected");
        assertThat(data.count("select count(*) from chat_logs where call_log_id = any(?)", (Object) new Long[] { call, other })).isZero();
    }

    void publishRaw(String messageId, String body) throws Exception {
        channel.basicPublish(Exchanges.CALLS, CallRecord.ROUTING_KEY, MessageProperties.PERSISTENT_BASIC.builder()
                .contentType("application/json").messageId(messageId).build(), body.getBytes(StandardCharsets.UTF_8));
    }

    /** Waits up to {@code wait} for the message in the call-records dead-letter queue; its death reason, or null. */
    String deadLetter(String messageId, Duration wait) {
        try {
            await().atMost(wait).pollInterval(Duration.ofMillis(100)).until(() -> {
                GetResponse got;
                while ((got = channel.basicGet(Queues.DIALER_CALL_RECORDS.deadLetterQueue(), true)) != null) {
                    Object reason = got.getProps().getHeaders() == null ? null : got.getProps().getHeaders().get("x-first-death-reason");
                    deadLetters.put(got.getProps().getMessageId(), String.valueOf(reason));
                }
                return deadLetters.containsKey(messageId);
            });
        } catch (ConditionTimeoutException e) {
            return null;
        }
        return deadLetters.get(messageId);
    }

    /** The call's turns as stored, in the transcript's order (by seq), one line each. */
    List<String> turns(long call) throws Exception {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement query = data.db.prepareStatement("select workspace_id, agent_id, seq, role, content, interrupted, "
                + "started_at, ended_at, metrics::text from chat_logs where call_log_id = ? order by seq")) {
            query.setLong(1, call);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    String metrics = row.getString(9);
                    lines.add(String.join(" | ", row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                            row.getString(5), row.getString(6), instant(row.getObject(7, OffsetDateTime.class)),
                            instant(row.getObject(8, OffsetDateTime.class)), metrics == null ? "null" : json.readTree(metrics).toString()));
                }
            }
        }
        return lines;
    }

    List<String> expected(long call, List<Turn> turns) {
        return turns.stream().map(t -> String.join(" | ", data.workspace.toString(), data.agent.toString(), String.valueOf(t.seq()),
                t.role().name(), t.content(), t.interrupted() ? "t" : "f", String.valueOf(t.startedAt()), String.valueOf(t.endedAt()),
                t.metrics() == null ? "null" : t.metrics().toString())).toList();
    }

    /** Every stored column of the call's turns and call log, row ids and insert times included. */
    List<String> storedRows(long call) throws Exception {
        List<String> rows = new ArrayList<>(data.longs("select id from chat_logs where call_log_id = ? order by id", call).stream()
                .map(String::valueOf).toList());
        rows.add(data.text("select string_agg(c::text, ';' order by c.seq) from chat_logs c where call_log_id = ?", call));
        rows.add(data.text("select turn_count || ' ' || recording_key || ' ' || metrics::text from call_logs where id = ?", call));
        return rows;
    }

    private static String instant(OffsetDateTime at) {
        return String.valueOf(at == null ? null : at.toInstant());
    }
}
