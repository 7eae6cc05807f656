package io.vaani.agent.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vaani.agent.AgentWorkerTestProfile;
import io.vaani.agent.LiveKitResource;
import io.vaani.agent.ProvidersResource;
import io.vaani.agent.audio.AudioFrame;
import io.vaani.agent.job.CallMetadata;
import io.vaani.agent.livekit.AgentDispatcherStandIn;
import io.vaani.agent.livekit.AgentDispatcherStandIn.Dispatch;
import io.vaani.agent.livekit.LiveKitStandIn;
import io.vaani.agent.livekit.ReceivedTranscript;
import io.vaani.agent.livekit.Signals;
import io.vaani.agent.livekit.SpeechWav;
import io.vaani.agent.livekit.StandInRoom;
import io.vaani.agent.livekit.StandInSession;
import io.vaani.agent.provider.llm.openai.OpenAiProtocolServer;
import io.vaani.agent.provider.llm.openai.OpenAiProtocolServer.Reply;
import io.vaani.agent.provider.stt.deepgram.DeepgramProtocolServer;
import io.vaani.agent.provider.tts.elevenlabs.ElevenLabsProtocolServer;
import io.vaani.agent.recording.OggOpusFile;
import io.vaani.contracts.agent.AgentJobMetadata;
import io.vaani.contracts.agent.AgentJobMetadata.Mode;
import io.vaani.contracts.agent.AgentProfile;
import io.vaani.testing.RealServersResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Whole calls through the LiveKit stand-in: the callee's recorded speech is transcribed by the
 * Deepgram-protocol server, answered by the OpenAI-protocol server, spoken by the
 * ElevenLabs-protocol server and heard by the callee's peer; outcomes, schedule requests, the
 * transcript and the recording come out as the rest of Vaani expects them.
 */
@QuarkusTest
@TestProfile(AgentWorkerTestProfile.class)
@WithTestResource(value = RealServersResource.class, initArgs = @ResourceArg(name = "redis-db", value = "6"))
@WithTestResource(LiveKitResource.class)
@WithTestResource(ProvidersResource.class)
class VoiceCallTest {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final AtomicLong CALLS = new AtomicLong(9_000);

    LiveKitStandIn livekit;
    AgentDispatcherStandIn dispatcher;
    OpenAiProtocolServer openai;
    DeepgramProtocolServer deepgram;
    ElevenLabsProtocolServer elevenlabs;
    @Inject
    S3Client s3;
    private CallMessages messages;

    @BeforeEach
    void listen() throws Exception {
        messages = new CallMessages();
        await().atMost(WAIT).until(() -> !dispatcher.workers().isEmpty());
    }

    @AfterEach
    void stopListening() throws Exception {
        messages.close();
    }

    static AgentProfile profile(String firstMessage) {
        return new AgentProfile("Renewals", "You are Vaani from Acme, calling {{first_name}} about the policy renewal.", firstMessage,
                "en-US", new AgentProfile.Model("openai", "gpt-4o-mini"), new AgentProfile.Model("deepgram", "nova-3"),
                new AgentProfile.Voice("elevenlabs", "eleven_flash_v2_5", "test-voice"),
                new AgentProfile.Tools(true, true, true, null, List.of()), AgentProfile.VoicemailAction.HANG_UP, null, 300);
    }

    @Test
    void aCallbackConversationFromGreetingToRecording() throws Exception {
        long callLogId = CALLS.incrementAndGet();
        StandInRoom room = livekit.createRoom("call-" + callLogId).callerOpens(new AudioFrame(new short[0], 16_000));
        deepgram.script().say("Can you call me back tomorrow at five");
        openai.enqueue(Reply.answer().text("Of course.").toolCall("call_1", "schedule_callback",
                "{\"time\":\"2026-11-25T17:00\",\"note\":\"renewal\"}").finish("tool_calls").build());
        openai.enqueue(Reply.answer().text("I will call you tomorrow at five. Goodbye!").toolCall("call_2", "end_call",
                "{\"reason\":\"callback scheduled\"}").finish("tool_calls").build());

        Dispatch dispatch = dispatcher.dispatch(room.name(), CallMetadata.json(callLogId, Mode.CONVERSATION, profile("Hello {{first_name}}, this is Vaani from Acme.")));
        StandInSession session = joined(room);

        // the greeting is heard; then the callee speaks
        await().atMost(WAIT).until(() -> elevenlabs.texts().contains("Hello Ada, this is Vaani from Acme."));
        await().atMost(WAIT).until(() -> "listening".equals(session.attributes().get("lk.agent.state"))
                && Signals.activeSeconds(session.agentAudio().joined(), 1000) > 1.0);
        assertThat(session.callerSays(SpeechWav.caller())).isTrue();

        // the agent schedules the callback, says goodbye and hangs up
        await().atMost(WAIT).until(() -> livekit.deletedRooms().contains(room.name()));
        List<CallMessages.Received> published = awaitRecord(callLogId);
        JsonNode callback = only(published, "schedule.callback");
        assertThat(callback.path("localTime").asText()).startsWith("2026-11-25T17:00");
        assertThat(callback.path("callLogId").asLong()).isEqualTo(callLogId);
        JsonNode ended = only(published, "call.ended");
        assertThat(ended.path("outcome").asText()).isEqualTo("CALLBACK");
        assertThat(ended.path("talkSeconds").asLong()).isPositive();

        // what the model was told: the prompt with the callee's name, the greeting, what the callee said, the tool's result
        OpenAiProtocolServer.ReceivedRequest first = openai.requests().get(openai.requests().size() - 2);
        assertThat(first.roles()).containsExactly("system", "assistant", "user");
        assertThat(first.lastContent("system")).hasValueSatisfying(prompt -> assertThat(prompt).contains("calling Ada"));
        assertThat(first.lastContent("user")).hasValue("Can you call me back tomorrow at five");
        assertThat(first.toolNames()).containsExactlyInAnyOrder("end_call", "schedule_callback", "mark_do_not_call");
        assertThat(openai.requests().getLast().roles()).endsWith("assistant", "tool");
        assertThat(elevenlabs.texts()).contains("Of course.", "I will call you tomorrow at five.", "Goodbye!");

        // the record: turns in order with their figures, and the recording in S3
        JsonNode record = only(published, "call-record");
        List<String> roles = record.path("turns").findValuesAsText("role");
        assertThat(roles).containsExactly("ASSISTANT", "USER", "ASSISTANT", "TOOL", "ASSISTANT", "TOOL");
        JsonNode userTurn = record.path("turns").get(1);
        assertThat(userTurn.path("content").asText()).isEqualTo("Can you call me back tomorrow at five");
        assertThat(userTurn.path("metrics").path("endOfUtteranceDelayMs").asLong()).isBetween(400L, 2000L);
        JsonNode answer = record.path("turns").get(2);
        assertThat(answer.path("metrics").has("llmTimeToFirstTokenMs")).isTrue();
        assertThat(session.transcripts()).extracting(ReceivedTranscript::text).contains("Can you call me back tomorrow at five",
                "Hello Ada, this is Vaani from Acme.");

        String key = record.path("recordingKey").asText();
        assertThat(key).matches("mv/\\d{4}/\\d{2}/\\d{2}/" + callLogId + "\\.ogg");
        OggOpusFile recording = OggOpusFile.parse(s3.getObjectAsBytes(b -> b.bucket(ProvidersResource.BUCKET).key(key)).asByteArray());
        double seconds = recording.decode().length / 48_000.0;
        assertThat(seconds).isCloseTo(ended.path("talkSeconds").asDouble(), within(1.0));
        assertThat(dispatcher.jobUpdates(dispatch.job().getId()).getLast().getStatus().name()).isEqualTo("JS_SUCCESS");
    }

    private StandInSession joined(StandInRoom room) {
        await().atMost(WAIT).until(() -> !room.sessions().isEmpty());
        return room.sessions().getFirst();
    }

    private List<CallMessages.Received> awaitRecord(long callLogId) {
        await().atMost(WAIT).until(() -> messages.about(callLogId).stream().anyMatch(m -> m.routingKey().equals("call-record")));
        return messages.about(callLogId);
    }

    private static JsonNode only(List<CallMessages.Received> published, String routingKey) {
        List<JsonNode> bodies = published.stream().filter(m -> m.routingKey().equals(routingKey)).map(CallMessages.Received::body).toList();
        assertThat(bodies).as(routingKey).hasSize(1);
        return bodies.getFirst();
    }
}
