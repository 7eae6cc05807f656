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
import io.vaani.agent.livekit.RecordedAudio;
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

    /** The model's answers in order; the machine check, asked beside the first answer, is told the callee is a person. */
    private final java.util.Deque<Reply> answers = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private volatile String verdict = "HUMAN";

    @BeforeEach
    void listen() throws Exception {
        verdict = "HUMAN";
        answers.clear(); // what an earlier test scripted and did not use must not leak into this one
        while (deepgram.script().remaining() > 0) {
            deepgram.script().next();
        }
        openai.fallback(request -> request.lastContent("system").orElse("").startsWith("You judge the first words") ? Reply.text(verdict)
                : java.util.Optional.ofNullable(answers.poll()).orElse(Reply.text("Goodbye.")));
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

    /** The usual agent, which leaves {@code message} on answering machines. */
    static AgentProfile leavingMessage(String message) {
        AgentProfile usual = profile(null);
        return new AgentProfile(usual.name(), usual.systemPrompt(), null, usual.language(), usual.llm(), usual.stt(), usual.tts(),
                usual.tools(), AgentProfile.VoicemailAction.LEAVE_MESSAGE, message, 300);
    }

    @Test
    void aCallbackConversationFromGreetingToRecording() throws Exception {
        long callLogId = CALLS.incrementAndGet();
        StandInRoom room = livekit.createRoom("call-" + callLogId).callerOpens(new AudioFrame(new short[0], 16_000));
        deepgram.script().say("Can you call me back tomorrow at five");
        answers.add(Reply.answer().text("Of course.").toolCall("call_1", "schedule_callback",
                "{\"time\":\"2026-11-25T17:00\",\"note\":\"renewal\"}").finish("tool_calls").build());
        answers.add(Reply.answer().text("I will call you tomorrow at five. Goodbye!").toolCall("call_2", "end_call",
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
        List<OpenAiProtocolServer.ReceivedRequest> conversation = openai.requests().stream()
                .filter(request -> !request.lastContent("system").orElse("").startsWith("You judge")).toList();
        OpenAiProtocolServer.ReceivedRequest first = conversation.get(conversation.size() - 2);
        assertThat(first.roles()).containsExactly("system", "assistant", "user");
        assertThat(first.lastContent("system")).hasValueSatisfying(prompt -> assertThat(prompt).contains("calling Ada"));
        assertThat(first.lastContent("user")).hasValue("Can you call me back tomorrow at five");
        assertThat(first.toolNames()).containsExactlyInAnyOrder("end_call", "schedule_callback", "mark_do_not_call");
        assertThat(conversation.getLast().roles()).endsWith("assistant", "tool");
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

    @Test
    void aCallRunsOfflineOnTheLocalProviders() throws Exception {
        long callLogId = CALLS.incrementAndGet();
        StandInRoom room = livekit.createRoom("call-" + callLogId).callerOpens(new AudioFrame(new short[0], 16_000));
        AgentProfile offline = new AgentProfile("Renewals", "You are Vaani from Acme, calling {{first_name}}.", "Hello {{first_name}}.",
                "en-US", new AgentProfile.Model("local", "scripted"), new AgentProfile.Model("local", "en-us"),
                new AgentProfile.Voice("local", null, null), new AgentProfile.Tools(true, true, true, null, List.of()),
                AgentProfile.VoicemailAction.HANG_UP, null, 300);

        int modelRequestsBefore = openai.requests().size(); // the protocol servers are shared by the tests

        dispatcher.dispatch(room.name(), CallMetadata.json(callLogId, Mode.CONVERSATION, offline));
        StandInSession session = joined(room);
        await().atMost(WAIT).until(() -> "listening".equals(session.attributes().get("lk.agent.state"))
                && Signals.activeSeconds(session.agentAudio().joined(), 1000) > 0.3);
        int heardBefore = session.agentAudio().frameCount();
        assertThat(session.callerSays(SpeechWav.caller())).isTrue();
        // PocketSphinx hears some words, the scripted model answers them, espeak-ng speaks the answer
        await().atMost(WAIT).until(() -> session.transcripts().stream().filter(ReceivedTranscript::isFinal).count() >= 3
                && Signals.activeSeconds(session.agentAudio().joined(), 1000) > 1.0
                && "listening".equals(session.attributes().get("lk.agent.state")));
        room.callerLeaves();

        JsonNode record = only(awaitRecord(callLogId), "call-record");
        assertThat(record.path("turns").findValuesAsText("role")).startsWith("ASSISTANT", "USER", "ASSISTANT");
        assertThat(record.path("turns").get(1).path("content").asText()).isNotBlank();
        assertThat(record.path("turns").get(2).path("content").asText()).isNotBlank();
        assertThat(session.agentAudio().frameCount()).isGreaterThan(heardBefore);
        assertThat(openai.requests()).as("requests to the hosted model").hasSize(modelRequestsBefore);
    }

    @Test
    void theCalleeCutsTheAgentOffAndItsTurnKeepsOnlyWhatWasHeard() throws Exception {
        long callLogId = CALLS.incrementAndGet();
        StandInRoom room = livekit.createRoom("call-" + callLogId).callerOpens(new AudioFrame(new short[0], 16_000));
        String greeting = "Hello Ada, this is Vaani from Acme insurance. I am calling about the renewal of your home policy, "
                + "which ends next month. Do you have two minutes to go through the new terms together?";
        deepgram.script().say("Hello, this is Maria, who is calling?");
        answers.add(Reply.answer().text("Sorry, Maria, wrong number. Goodbye!").toolCall("call_1", "end_call", "{\"reason\":\"wrong number\"}")
                .finish("tool_calls").build());

        dispatcher.dispatch(room.name(), CallMetadata.json(callLogId, Mode.CONVERSATION, profile(greeting)));
        StandInSession session = joined(room);
        await().atMost(WAIT).until(() -> Signals.activeSeconds(session.agentAudio().joined(), 1000) > 1.5);
        long cutInAt = System.nanoTime();
        assertThat(session.callerSays(SpeechWav.caller())).isTrue();

        await().atMost(WAIT).until(() -> livekit.deletedRooms().contains(room.name()));
        // from a second after the callee began (0.5 s to decide, then the line empties) until the answer, the agent is silent
        double spokenOver = session.agentAudio().frames().stream()
                .filter(f -> f.receivedNanos() > cutInAt + 1_300_000_000L && f.receivedNanos() < cutInAt + 3_500_000_000L)
                .filter(f -> Signals.rms(f.frame().samples(), 0, f.frame().samples().length) > 1000).count() / 100.0;
        assertThat(spokenOver).isLessThan(0.1);
        JsonNode record = only(awaitRecord(callLogId), "call-record");
        JsonNode cut = record.path("turns").get(0);
        assertThat(cut.path("interrupted").asBoolean()).isTrue();
        assertThat(greeting).startsWith(cut.path("content").asText());
        assertThat(cut.path("content").asText().length()).isBetween(10, greeting.length() / 2);
        assertThat(record.path("turns").get(1).path("content").asText()).isEqualTo("Hello, this is Maria, who is calling?");
        assertThat(only(messages.about(callLogId), "call.ended").path("outcome").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void anOptOutPutsTheNumberOnTheDoNotCallList() throws Exception {
        long callLogId = CALLS.incrementAndGet();
        StandInRoom room = livekit.createRoom("call-" + callLogId);
        deepgram.script().say("Please stop calling me");
        answers.add(Reply.answer().toolCall("call_1", "mark_do_not_call", "{}").finish("tool_calls").build());
        answers.add(Reply.answer().text("Sorry for the trouble. Goodbye!").toolCall("call_2", "end_call", "{\"reason\":\"opted out\"}")
                .finish("tool_calls").build());

        dispatcher.dispatch(room.name(), CallMetadata.json(callLogId, Mode.CONVERSATION, profile(null)));

        await().atMost(WAIT).until(() -> livekit.deletedRooms().contains(room.name()));
        List<CallMessages.Received> published = awaitRecord(callLogId);
        JsonNode optOut = only(published, "schedule.opt-out");
        assertThat(optOut.path("phone").asText()).isEqualTo("+15551230000");
        assertThat(optOut.path("source").asText()).isEqualTo("agent");
        assertThat(only(published, "call.ended").path("outcome").asText()).isEqualTo("DNC");
        assertThat(elevenlabs.texts()).contains("Sorry for the trouble.");
    }

    @Test
    void anAnsweringMachineIsHungUpOn() throws Exception {
        long callLogId = CALLS.incrementAndGet();
        StandInRoom room = livekit.createRoom("call-" + callLogId);
        deepgram.script().say("Hi, you have reached Maria, please leave a message after the tone");
        verdict = "MACHINE";

        dispatcher.dispatch(room.name(), CallMetadata.json(callLogId, Mode.CONVERSATION, profile(null)));

        await().atMost(WAIT).until(() -> livekit.deletedRooms().contains(room.name()));
        JsonNode ended = only(awaitRecord(callLogId), "call.ended");
        assertThat(ended.path("outcome").asText()).isEqualTo("VOICEMAIL");
        assertThat(ended.path("disposition").asText()).contains("answering machine");
    }

    @Test
    void aMessageIsLeftAfterTheBeep() throws Exception {
        long callLogId = CALLS.incrementAndGet();
        AudioFrame greeting = new io.vaani.agent.audio.Resampler(SpeechWav.caller().sampleRate(), 16_000).process(SpeechWav.caller());
        short[] beepAfterGreeting = java.util.Arrays.copyOf(greeting.samples(), greeting.samples().length + 16_000);
        for (int i = 0; i < 8_000; i++) { // a 0.5 s, 1 kHz beep half a second after the greeting
            beepAfterGreeting[greeting.samples().length + 8_000 + i] = (short) (8000 * Math.sin(2 * Math.PI * 1000 * i / 16_000.0));
        }
        StandInRoom room = livekit.createRoom("call-" + callLogId).callerOpens(new AudioFrame(beepAfterGreeting, 16_000));
        deepgram.script().say("Hi, you have reached Maria, please leave a message after the tone");
        verdict = "MACHINE";
        AgentProfile leaves = leavingMessage("Hi {{first_name}}, this is Acme about your renewal.");

        dispatcher.dispatch(room.name(), CallMetadata.json(callLogId, Mode.CONVERSATION, leaves));
        StandInSession session = joined(room);

        await().atMost(WAIT).until(() -> livekit.deletedRooms().contains(room.name()));
        JsonNode ended = only(awaitRecord(callLogId), "call.ended");
        assertThat(ended.path("outcome").asText()).isEqualTo("VOICEMAIL");
        assertThat(ended.path("disposition").asText()).isEqualTo("answering machine: message left");
        assertThat(elevenlabs.texts()).contains("Hi Ada, this is Acme about your renewal.");
        // the message is spoken after the beep, and the agent said nothing over the greeting
        long beepEnds = session.callerSpeechStartedNanos() + (long) (beepAfterGreeting.length / 16_000.0 * 1e9);
        double before = session.agentAudio().frames().stream().filter(f -> f.receivedNanos() < beepEnds - 1_000_000_000L)
                .filter(f -> Signals.rms(f.frame().samples(), 0, f.frame().samples().length) > 1000).count() / 100.0;
        double after = session.agentAudio().frames().stream().filter(f -> f.receivedNanos() > beepEnds)
                .filter(f -> Signals.rms(f.frame().samples(), 0, f.frame().samples().length) > 1000).count() / 100.0;
        assertThat(before).isLessThan(0.1);
        assertThat(after).isGreaterThan(1.0);
    }

    @Test
    void aCalleeAskingForAPersonIsTransferredAndTheRoomLeftToThem() throws Exception {
        long callLogId = CALLS.incrementAndGet();
        StandInRoom room = livekit.createRoom("call-" + callLogId);
        deepgram.script().say("Can I talk to a person please");
        answers.add(Reply.answer().text("Let me put you through.").toolCall("call_1", "transfer_call", "{}").finish("tool_calls").build());
        AgentProfile transferring = profile(null);
        transferring = new AgentProfile(transferring.name(), transferring.systemPrompt(), null, transferring.language(), transferring.llm(),
                transferring.stt(), transferring.tts(), new AgentProfile.Tools(true, false, false, "+14155550199", List.of()),
                AgentProfile.VoicemailAction.HANG_UP, null, 300);

        dispatcher.dispatch(room.name(), CallMetadata.json(callLogId, Mode.CONVERSATION, transferring));
        StandInSession agent = joined(room);

        List<CallMessages.Received> published = awaitRecord(callLogId);
        // The callee heard "Let me put you through" to its end, then was transferred.
        long transferredAt = livekit.lastTransferNanos();
        List<RecordedAudio.TimedFrame> heard = agent.agentAudio().frames().stream()
                .filter(f -> Signals.rms(f.frame().samples(), 0, f.frame().samples().length) > 1000).toList();
        assertThat(heard.size()).as("10 ms frames of the agent's speech heard").isGreaterThan(50);
        assertThat(heard.getLast().receivedNanos()).as("the end of the agent's speech").isLessThan(transferredAt);
        assertThat(elevenlabs.texts()).contains("Let me put you through.");
        assertThat(livekit.transfers()).anySatisfy(transfer -> {
            assertThat(transfer.getRoomName()).isEqualTo(room.name());
            assertThat(transfer.getParticipantIdentity()).isEqualTo(room.callerIdentity());
            assertThat(transfer.getTransferTo()).isEqualTo("tel:+14155550199");
        });
        assertThat(only(published, "call.ended").path("outcome").asText()).isEqualTo("TRANSFERRED");
        assertThat(livekit.deletedRooms()).doesNotContain(room.name()); // the callee talks with the person now
    }

    @Test
    void aSoundWithoutWordsStopsTheAgentOnlyUntilItResumes() throws Exception {
        long callLogId = CALLS.incrementAndGet();
        StandInRoom room = livekit.createRoom("call-" + callLogId).callerOpens(new AudioFrame(new short[0], 16_000));
        String greeting = "Hello Ada, this is Vaani from Acme insurance. I am calling about the renewal of your home policy, "
                + "which ends next month. Do you have two minutes to go through the new terms together?";
        AudioFrame speech = SpeechWav.caller();
        int[] span = Signals.activeSpan(speech, 300);
        AudioFrame murmur = new AudioFrame(java.util.Arrays.copyOfRange(speech.samples(), span[0], span[0] + speech.sampleRate() * 9 / 10),
                speech.sampleRate()); // 0.9 s of voice that the recognizer finds no words in (nothing is scripted)

        int spokenBefore = elevenlabs.texts().size(); // the server is shared by the tests
        dispatcher.dispatch(room.name(), CallMetadata.json(callLogId, Mode.CONVERSATION, profile(greeting)));
        StandInSession session = joined(room);
        await().atMost(WAIT).until(() -> Signals.activeSeconds(session.agentAudio().joined(), 1000) > 1.5);
        assertThat(session.callerSays(murmur)).isTrue();

        // the agent stops, hears no words, and says the rest of its greeting
        await().atMost(WAIT).until(() -> {
            List<String> spoken = elevenlabs.texts().subList(spokenBefore, elevenlabs.texts().size());
            return spoken.size() >= 2 && !spoken.getLast().equals(greeting) && greeting.endsWith(spoken.getLast());
        });
        await().atMost(WAIT).until(() -> "listening".equals(session.attributes().get("lk.agent.state")));
        room.callerLeaves();
        JsonNode record = only(awaitRecord(callLogId), "call-record");
        JsonNode cut = record.path("turns").get(0);
        JsonNode resumed = record.path("turns").get(1);
        assertThat(cut.path("interrupted").asBoolean()).isTrue();
        assertThat(resumed.path("role").asText()).isEqualTo("ASSISTANT");
        assertThat((cut.path("content").asText() + " " + resumed.path("content").asText()).replaceAll("\\s+", " ")).isEqualTo(greeting);
        assertThat(record.path("turns").findValuesAsText("role")).doesNotContain("USER");
    }

    @Test
    void aCallEndsAtTheAgentsMaximumDuration() throws Exception {
        long callLogId = CALLS.incrementAndGet();
        StandInRoom room = livekit.createRoom("call-" + callLogId).callerOpens(new AudioFrame(new short[0], 16_000));
        AgentProfile brief = profile("Hello Ada.");
        brief = new AgentProfile(brief.name(), brief.systemPrompt(), brief.firstMessage(), brief.language(), brief.llm(), brief.stt(),
                brief.tts(), brief.tools(), brief.voicemailAction(), null, 6);

        dispatcher.dispatch(room.name(), CallMetadata.json(callLogId, Mode.CONVERSATION, brief));

        await().atMost(WAIT).until(() -> livekit.deletedRooms().contains(room.name()));
        JsonNode ended = only(awaitRecord(callLogId), "call.ended");
        assertThat(ended.path("outcome").asText()).isEqualTo("COMPLETED");
        assertThat(ended.path("disposition").asText()).isEqualTo("maximum call duration reached");
        assertThat(ended.path("talkSeconds").asLong()).isBetween(6L, 8L);
    }

    @Test
    void withoutABeepTheMessageIsLeftOnceTheGreetingIsOver() throws Exception {
        long callLogId = CALLS.incrementAndGet();
        StandInRoom room = livekit.createRoom("call-" + callLogId); // the caller's line plays the greeting, then silence
        deepgram.script().say("Hi, you have reached Maria, please leave a message after the tone");
        verdict = "MACHINE";
        AgentProfile leaves = leavingMessage("Hi {{first_name}}, Acme here, please call us back.");

        dispatcher.dispatch(room.name(), CallMetadata.json(callLogId, Mode.CONVERSATION, leaves));

        await().atMost(WAIT).until(() -> livekit.deletedRooms().contains(room.name()));
        JsonNode ended = only(awaitRecord(callLogId), "call.ended");
        assertThat(ended.path("outcome").asText()).isEqualTo("VOICEMAIL");
        assertThat(ended.path("disposition").asText()).isEqualTo("answering machine: message left");
        assertThat(elevenlabs.texts()).contains("Hi Ada, Acme here, please call us back.");
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
