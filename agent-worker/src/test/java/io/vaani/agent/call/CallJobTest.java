package io.vaani.agent.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vaani.agent.audio.AudioFrame;
import io.vaani.agent.job.CallMetadata;
import io.vaani.agent.job.RunningJobs;
import io.vaani.agent.livekit.AgentDispatcherStandIn;
import io.vaani.agent.livekit.AgentDispatcherStandIn.Dispatch;
import io.vaani.agent.livekit.Footprint;
import io.vaani.agent.livekit.LiveKitStandIn;
import io.vaani.agent.livekit.ReceivedTranscript;
import io.vaani.agent.livekit.RecordedAudio;
import io.vaani.agent.livekit.Signals;
import io.vaani.agent.livekit.SpeechWav;
import io.vaani.agent.livekit.StandInRoom;
import io.vaani.agent.livekit.StandInSession;
import io.vaani.agent.room.AudioSubscription;
import io.vaani.agent.room.RoomMedia;
import io.vaani.agent.room.TranscriptSegment;
import io.vaani.agent.worker.AgentWorker;
import io.vaani.agent.worker.SlotBoard;
import io.vaani.agent.worker.WorkerSettings;
import io.vaani.contracts.agent.AgentJobMetadata.Mode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import livekit.LivekitAgent.JobStatus;
import livekit.LivekitAgent.UpdateJobStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Jobs from end to end: LiveKit (the stand-in) dispatches, the worker accepts, the job joins the
 * room through {@code /rtc}, hears the caller's recorded speech as PCM and is heard by the caller.
 */
class CallJobTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final double SPEECH_THRESHOLD = 300;
    private static final double TOLERANCE_SECONDS = 0.12;
    /**
     * With twenty calls' both ends on two cores, the receivers' jitter buffers speed playout up to
     * catch up (time-stretching, as in any WebRTC receiver), so speech may arrive a little shorter.
     */
    private static final double LOADED_TOLERANCE_SECONDS = 0.4;

    private static RoomMedia media;
    private static LiveKitStandIn livekit;
    private static AgentDispatcherStandIn dispatcher;
    private final HearThenSpeak agent = new HearThenSpeak();
    private AgentWorker worker;

    @BeforeAll
    static void startLiveKit() {
        media = new RoomMedia();
        livekit = new LiveKitStandIn();
        dispatcher = new AgentDispatcherStandIn(livekit);
    }

    @AfterAll
    static void stopLiveKit() {
        livekit.close();
        media.close();
    }

    @AfterEach
    void stopWorker() throws InterruptedException {
        worker.shutdown();
        await().atMost(WAIT).until(() -> dispatcher.workers().isEmpty());
    }

    private void startWorker(int maxJobs) {
        WorkerSettings settings = WorkerSettings.of(Map.of("vaani.livekit.url", livekit.url().toString(), "vaani.livekit.api-key",
                LiveKitStandIn.API_KEY, "vaani.livekit.api-secret", LiveKitStandIn.API_SECRET, "vaani.agent.max-jobs",
                String.valueOf(maxJobs), "vaani.agent.join-timeout", "5s", "vaani.agent.drain-grace", "5s"));
        RoomJobHandler handler = new RoomJobHandler(() -> media, settings.worker().joinTimeout(), agent);
        RunningJobs jobs = new RunningJobs(handler, maxJobs, Clock.systemUTC(), new SimpleMeterRegistry());
        worker = new AgentWorker(settings.worker(), settings.livekit(), jobs, NO_SLOTS, Clock.systemUTC());
        worker.start();
        await().atMost(WAIT).until(() -> !dispatcher.workers().isEmpty());
    }

    @Test
    void aJobJoinsHearsTheCallerAsPcmAndIsHeard() throws Exception {
        startWorker(2);
        StandInRoom room = livekit.createRoom("call-" + System.nanoTime());

        Dispatch dispatch = dispatcher.dispatch(room.name(), CallMetadata.json(41, Mode.CONVERSATION));
        Heard heard = agent.heard(dispatch.job().getId());
        heard.spoke.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(heard.job.job().metadata().callLogId()).isEqualTo(41);
        assertThat(heard.job.caller().identity()).isEqualTo(room.callerIdentity());
        AudioFrame speech = heard.audio.joined();
        assertThat(speech.sampleRate()).isEqualTo(16_000);
        assertThat(Signals.activeSeconds(speech, SPEECH_THRESHOLD))
                .isCloseTo(Signals.activeSeconds(SpeechWav.caller(), SPEECH_THRESHOLD), within(TOLERANCE_SECONDS));
        assertThat(Signals.envelopeCorrelation(speech, SpeechWav.caller(), 100)).isGreaterThan(0.7);

        StandInSession session = room.sessions().getFirst();
        assertThat(session.identity()).isEqualTo("agent-" + dispatch.job().getId());
        AudioFrame tone = session.agentAudio().joined();
        int[] span = Signals.activeSpan(tone, 1000);
        assertThat((span[1] - span[0]) / (double) tone.sampleRate()).isCloseTo(1.0, within(TOLERANCE_SECONDS));
        assertThat(Signals.zeroCrossingFrequency(tone, span[0], span[1])).isCloseTo(440, within(5.0));
        assertThat(session.transcripts()).extracting(ReceivedTranscript::text).contains("I heard you");
        assertThat(session.attributeUpdates()).extracting(update -> update.get("lk.agent.state"))
                .containsSubsequence("initializing", "listening", "speaking", "listening");

        room.callerLeaves(); // the callee hangs up: the job ends well and leaves the room
        await().atMost(WAIT).until(() -> statusOf(dispatch).contains(JobStatus.JS_SUCCESS));
        assertThat(session.clientLeave()).succeedsWithin(WAIT);
    }

    @Test
    void terminationEndsTheCallAndLeavesTheRoom() throws Exception {
        startWorker(2);
        StandInRoom room = livekit.createRoom("call-" + System.nanoTime());
        Dispatch dispatch = dispatcher.dispatch(room.name(), CallMetadata.json(42, Mode.CONVERSATION));
        agent.heard(dispatch.job().getId()).spoke.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        dispatcher.terminate(dispatch.job().getId());

        await().atMost(WAIT).until(() -> statusOf(dispatch).contains(JobStatus.JS_SUCCESS));
        assertThat(room.sessions()).isEmpty();
    }

    @Test
    void aJobWhoseRoomHasNoCallerFailsAloneAfterTheJoinTimeout() throws Exception {
        startWorker(2);
        StandInRoom room = livekit.createRoom("call-" + System.nanoTime());
        Dispatch healthy = dispatcher.dispatch(room.name(), CallMetadata.json(43, Mode.CONVERSATION));
        Dispatch lonely = dispatcher.dispatch(livekit.createRoom("empty-" + System.nanoTime(), null).name(),
                CallMetadata.json(44, Mode.CONVERSATION));

        await().atMost(WAIT).until(() -> statusOf(lonely).contains(JobStatus.JS_FAILED));
        assertThat(dispatcher.jobUpdates(lonely.job().getId()).getLast().getError()).contains("no caller");
        agent.heard(healthy.job().getId()).spoke.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(statusOf(healthy)).containsExactly(JobStatus.JS_RUNNING);
    }

    @Test
    void twentyConcurrentJobsInOneProcess() throws Exception {
        int calls = 20;
        startWorker(calls);
        Footprint before = Footprint.now();
        List<StandInRoom> rooms = new ArrayList<>();
        List<Dispatch> dispatches = new ArrayList<>();
        Map<String, Long> assignedNanos = new ConcurrentHashMap<>();
        for (int i = 0; i < calls; i++) {
            StandInRoom room = livekit.createRoom("call-" + i + "-" + System.nanoTime());
            Dispatch dispatch = dispatcher.dispatch(room.name(), CallMetadata.json(100 + i, Mode.CONVERSATION));
            assignedNanos.put(dispatch.job().getId(), System.nanoTime()); // the assignment has just been sent
            assertThat(dispatch.assigned()).isTrue();
            rooms.add(room);
            dispatches.add(dispatch);
        }
        CompletableFuture.allOf(dispatches.stream().map(d -> agent.heard(d.job().getId()).spoke).toArray(CompletableFuture[]::new))
                .get(60, TimeUnit.SECONDS);
        Footprint live = Footprint.now();

        double spoken = Signals.activeSeconds(SpeechWav.caller(), SPEECH_THRESHOLD);
        List<Double> firstFrame = new ArrayList<>();
        List<Double> firstSpeech = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            Heard heard = agent.heard(dispatches.get(i).job().getId());
            assertThat(Signals.activeSeconds(heard.audio.joined(), SPEECH_THRESHOLD)).as("speech heard in call %d", i)
                    .isCloseTo(spoken, within(LOADED_TOLERANCE_SECONDS));
            assertThat(Signals.envelopeCorrelation(heard.audio.joined(), SpeechWav.caller(), 100)).as("speech heard in call %d", i)
                    .isGreaterThan(0.6);
            AudioFrame tone = rooms.get(i).sessions().getFirst().agentAudio().joined();
            int[] span = Signals.activeSpan(tone, 1000);
            assertThat((span[1] - span[0]) / (double) tone.sampleRate()).as("agent heard in call %d", i)
                    .isCloseTo(1.0, within(LOADED_TOLERANCE_SECONDS));
            long assigned = assignedNanos.get(dispatches.get(i).job().getId());
            firstFrame.add((heard.audio.frames().getFirst().receivedNanos() - assigned) / 1e6);
            firstSpeech.add((heard.audio.firstLoudFrameNanos(SPEECH_THRESHOLD) - assigned) / 1e6);
        }
        rooms.forEach(StandInRoom::callerLeaves);
        dispatches.forEach(d -> await().atMost(WAIT).until(() -> statusOf(d).contains(JobStatus.JS_SUCCESS)));

        System.out.printf("%d concurrent jobs: %.0f KiB heap and %.0f KiB RSS per call while live (both ends of each call run in this process)%n",
                calls, (live.heapBytes() - before.heapBytes()) / 1024.0 / calls, (live.rssBytes() - before.rssBytes()) / 1024.0 / calls);
        System.out.printf("assignment to first caller audio frame: %s ms; to first caller speech: %s ms%n", summary(firstFrame),
                summary(firstSpeech));
    }

    private static List<JobStatus> statusOf(Dispatch dispatch) {
        return dispatcher.jobUpdates(dispatch.job().getId()).stream().map(UpdateJobStatus::getStatus).toList();
    }

    private static String summary(List<Double> millis) {
        List<Double> sorted = millis.stream().sorted().toList();
        return String.format("min %.0f / median %.0f / p90 %.0f / max %.0f", sorted.getFirst(), sorted.get(sorted.size() / 2),
                sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1), sorted.getLast());
    }

    /** What one job heard, and when it had finished speaking. */
    static final class Heard {
        final RecordedAudio audio = new RecordedAudio();
        final CompletableFuture<Void> spoke = new CompletableFuture<>();
        volatile Call job;
    }

    /** An agent that listens to the caller's whole sentence, says it heard it, answers with a 1 s tone, then listens on. */
    static final class HearThenSpeak implements Conversation {
        private final Map<String, Heard> calls = new ConcurrentHashMap<>();

        Heard heard(String jobId) {
            return calls.computeIfAbsent(jobId, id -> new Heard());
        }

        @Override
        public void run(Call call) throws Exception {
            Heard heard = heard(call.job().id());
            heard.job = call;
            call.state(Call.AgentState.LISTENING);
            Duration sentence = SpeechWav.caller().duration().plusSeconds(1);
            try (AudioSubscription subscription = call.room().receiveAudio(call.caller().identity(), 16_000, heard.audio::add)) {
                await().atMost(WAIT).until(() -> call.ending().isDone()
                        || heard.audio.frameCount() * 10L >= sentence.toMillis());
                call.room().publishTranscription(new TranscriptSegment("seg-" + call.job().id(), call.caller().audioTrackSid(),
                        "I heard you", true));
                call.state(Call.AgentState.SPEAKING);
                call.microphone().write(tone(440, 24_000, 1.0));
                call.microphone().drained().get(10, TimeUnit.SECONDS);
                call.state(Call.AgentState.LISTENING);
                heard.spoke.complete(null);
                CompletableFuture.anyOf(call.room().left(call.caller().identity()), call.room().disconnected().toCompletableFuture(),
                        call.ending()).get();
            }
        }
    }

    static AudioFrame tone(double hz, int rate, double seconds) {
        short[] samples = new short[(int) (rate * seconds)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return new AudioFrame(samples, rate);
    }

    private static final SlotBoard NO_SLOTS = new SlotBoard() {
        @Override
        public void report(int capacity, Instant validUntil) {
        }

        @Override
        public void withdraw() {
        }
    };
}
