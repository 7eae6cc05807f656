package io.vaani.contracts.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaani.contracts.domain.CallOutcome;
import io.vaani.contracts.domain.CampaignStatus;
import io.vaani.contracts.domain.Telephony;
import io.vaani.contracts.topology.Exchanges;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessageJsonTest {
    static final UUID WORKSPACE = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final UUID CAMPAIGN = UUID.fromString("00000000-0000-0000-0000-00000000000c");
    static final UUID REQUEST = UUID.fromString("00000000-0000-0000-0000-0000000000f1");
    static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");

    /** One of every message of the pipeline, with the type a consumer decodes it as. */
    static Stream<Object[]> everyMessage() {
        return Stream.of(
                new Object[] { CampaignTick.of(CAMPAIGN, 42, AT), CampaignTick.class },
                new Object[] { CampaignChanged.of(CAMPAIGN, WORKSPACE, "spring-sale", CampaignStatus.RUNNING,
                        CampaignChanged.Change.STATUS, AT), CampaignChanged.class },
                new Object[] { new CallOriginated(1, 7, WORKSPACE, CAMPAIGN, 9, AT, "+14155550100", Telephony.SIMULATOR,
                        "call-7"), CallEvent.class },
                new Object[] { new CallRinging(1, 7, WORKSPACE, CAMPAIGN, 9, AT), CallEvent.class },
                new Object[] { new CallAnswered(1, 7, WORKSPACE, CAMPAIGN, 9, AT), CallEvent.class },
                new Object[] { new CallEnded(1, 7, WORKSPACE, CAMPAIGN, 9, AT, CallOutcome.COMPLETED, 200, 95, "interested"),
                        CallEvent.class },
                new Object[] { new CallFailed(1, 7, WORKSPACE, CAMPAIGN, 9, AT, CallOutcome.BUSY, 486, "busy here"),
                        CallEvent.class },
                new Object[] { new CallbackRequest(1, REQUEST, WORKSPACE, CAMPAIGN, 9, 7L,
                        LocalDateTime.parse("2026-11-24T17:00"), "America/New_York", "after work", AT), ScheduleRequest.class },
                new Object[] { new RetryRequest(1, REQUEST, WORKSPACE, CAMPAIGN, 9, AT, "operator", AT), ScheduleRequest.class },
                new Object[] { new OptOutRequest(1, REQUEST, WORKSPACE, "+14155550100", 7L, "agent", AT), ScheduleRequest.class },
                new Object[] { new BatchCommand(1, REQUEST, WORKSPACE, CAMPAIGN, BatchCommand.Action.PAUSE, AT),
                        ScheduleRequest.class });
    }

    @ParameterizedTest
    @MethodSource("everyMessage")
    <T extends Message> void roundTripsThroughJson(Message message, Class<T> decodedAs) throws IOException {
        T decoded = MessageJson.read(MessageJson.write(message), decodedAs);
        assertThat(decoded).isEqualTo(message);
        assertThat(decoded.messageId()).isEqualTo(message.messageId());
        assertThat(new String(MessageJson.write(message), StandardCharsets.UTF_8)).contains("\"version\":1");
    }

    @Test
    void wireFormatIsStable() {
        assertThat(json(CampaignTick.of(CAMPAIGN, 42, AT))).isEqualTo(
                "{\"version\":1,\"campaignId\":\"00000000-0000-0000-0000-00000000000c\",\"seq\":42,"
                        + "\"at\":\"2026-11-23T10:15:30Z\"}");
        assertThat(json(new CallFailed(1, 7, WORKSPACE, CAMPAIGN, 9, AT, CallOutcome.BUSY, 486, null))).isEqualTo(
                "{\"type\":\"failed\",\"version\":1,\"callLogId\":7,\"workspaceId\":\"00000000-0000-0000-0000-00000000000a\","
                        + "\"campaignId\":\"00000000-0000-0000-0000-00000000000c\",\"prospectId\":9,"
                        + "\"at\":\"2026-11-23T10:15:30Z\",\"outcome\":\"BUSY\",\"sipStatus\":486}");
    }

    @Test
    void routesByKind() {
        var ended = new CallEnded(1, 7, WORKSPACE, CAMPAIGN, 9, AT, CallOutcome.COMPLETED, null, 10, null);
        var failed = new CallFailed(1, 7, WORKSPACE, CAMPAIGN, 9, AT, CallOutcome.NO_ANSWER, 480, null);
        assertThat(ended.routingKey()).isEqualTo("call.ended");
        assertThat(ended.exchange()).isEqualTo(Exchanges.CALLS);
        // Exactly one outcome per call: both final events share an id.
        assertThat(ended.messageId()).isEqualTo(failed.messageId()).isEqualTo("call:7:final");
        assertThat(CampaignTick.of(CAMPAIGN, 1, AT).routingKey()).isEqualTo("campaign." + CAMPAIGN);
        assertThat(new OptOutRequest(1, REQUEST, WORKSPACE, "+14155550100", null, "api", AT).routingKey())
                .isEqualTo("schedule.opt-out");
    }

    @Test
    void newerProducersMayAddFields() throws IOException {
        String json = "{\"version\":1,\"campaignId\":\"" + CAMPAIGN + "\",\"seq\":3,\"at\":\"2026-11-23T10:15:30Z\",\"shard\":4}";
        assertThat(MessageJson.read(json.getBytes(StandardCharsets.UTF_8), CampaignTick.class).seq()).isEqualTo(3);
    }

    @Test
    void malformedMessagesDoNotDecode() {
        for (String bad : List.of(
                "{\"version\":2,\"campaignId\":\"" + CAMPAIGN + "\",\"seq\":3,\"at\":\"2026-11-23T10:15:30Z\"}",
                "{\"version\":1,\"seq\":3,\"at\":\"2026-11-23T10:15:30Z\"}",
                "{\"version\":1,\"campaignId\":\"" + CAMPAIGN + "\",\"at\":\"2026-11-23T10:15:30Z\"}",
                "not json")) {
            assertThatThrownBy(() -> MessageJson.read(bad.getBytes(StandardCharsets.UTF_8), CampaignTick.class))
                    .as(bad).isInstanceOf(IOException.class);
        }
        assertThatThrownBy(() -> MessageJson.read("{\"type\":\"teleported\",\"version\":1}".getBytes(StandardCharsets.UTF_8),
                CallEvent.class)).isInstanceOf(IOException.class);
    }

    @Test
    void invariantsHoldAtConstruction() {
        assertThatThrownBy(() -> new CallFailed(1, 7, WORKSPACE, CAMPAIGN, 9, AT, CallOutcome.COMPLETED, null, null))
                .hasMessageContaining("answered outcome");
        assertThatThrownBy(() -> new OptOutRequest(1, REQUEST, WORKSPACE, "555-0100", null, "api", AT))
                .hasMessageContaining("E.164");
    }

    private static String json(Message message) {
        return new String(MessageJson.write(message), StandardCharsets.UTF_8);
    }
}
