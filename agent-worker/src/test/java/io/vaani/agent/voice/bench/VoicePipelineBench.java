package io.vaani.agent.voice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vaani.agent.livekit.AgentDispatcherStandIn;
import io.vaani.agent.livekit.LiveKitStandIn;
import io.vaani.agent.livekit.SpeechWav;
import io.vaani.agent.provider.ProviderConfig;
import io.vaani.agent.provider.llm.LanguageModels;
import io.vaani.agent.provider.stt.SpeechRecognizers;
import io.vaani.agent.provider.stt.deepgram.DeepgramProtocolServer;
import io.vaani.agent.provider.tts.SpeechSynthesizers;
import io.vaani.agent.recording.S3Recorders;
import io.vaani.agent.room.RoomMedia;
import io.vaani.agent.voice.TurnMetrics;
import io.vaani.agent.voice.vad.SileroModel;
import io.vaani.agent.worker.WorkerSettings;
import io.vaani.testing.s3.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Benchmark, not a test (deploy/local/bench.sh voice): the time the voice pipeline adds to a turn,
 * and how many concurrent calls one worker process sustains here. Calls go through the LiveKit
 * stand-in with the development model ({@code local}) and espeak-ng ({@code local} TTS); STT is the
 * Deepgram protocol server (the local recognizer, PocketSphinx, spends about 0.7 CPU-s per utterance in a process of its
 * own: it would measure itself, not the pipeline), recordings go to S3Proxy.
 * The stand-ins run in this JVM and take CPU of their own; their share is printed apart where the
 * threads tell. Figures are reported, never asserted: the machine may be shared.
 */
@Tag("bench")
class VoicePipelineBench {
    private static final String BUCKET = "vaani-recordings-bench";
    /** Calls arrive this far apart, as a dialer's answered calls do, rather than in one burst. */
    private static final Duration ARRIVAL = Duration.ofMillis(150);
    private static final List<Integer> RAMP = Arrays.stream(System.getProperty("bench.voice.calls", "10,20,30,40,50").split(","))
            .map(String::strip).map(Integer::parseInt).toList();
    private static final AtomicLong CALL_LOGS = new AtomicLong(System.currentTimeMillis() * 10);
    private static final String[] STAGES = {"end-of-speech", "turn", "first-sentence", "first-audio"};

    private final ProcessCpu cpu = new ProcessCpu();

    @Test
    void overheadAndConcurrentCalls() throws Exception {
        try (DeepgramProtocolServer deepgram = cpu.created(ProcessCpu.STAND_INS, VoicePipelineBench::deepgram);
                S3ProxyServer s3proxy = cpu.created(ProcessCpu.STAND_INS, () -> S3ProxyServer.start(BUCKET));
                S3Client s3 = S3Recorders.client(s3proxy.endpoint());
                SileroModel vad = SileroModel.load();
                RoomMedia media = cpu.created(ProcessCpu.AGENT, RoomMedia::new);
                LiveKitStandIn livekit = cpu.created(ProcessCpu.STAND_INS, LiveKitStandIn::new)) {
            AgentDispatcherStandIn dispatcher = new AgentDispatcherStandIn(livekit);
            ProviderConfig providers = providerConfig(deepgram);
            BenchAgent.Shared shared = new BenchAgent.Shared(new LanguageModels(providers), new SpeechRecognizers(providers),
                    new SpeechSynthesizers(providers), vad, S3Recorders.to(s3, BUCKET));
            printMethod();
            step(3, shared, media, livekit, dispatcher, deepgram); // warm-up: JIT, espeak-ng's voice list, connections
            System.out.println(StepFigures.header());
            List<StepFigures> steps = new ArrayList<>();
            for (int calls : RAMP) {
                StepFigures figures = step(calls, shared, media, livekit, dispatcher, deepgram);
                steps.add(figures);
                System.out.println(figures.row());
                System.out.println(figures.stages());
                if (figures.completed() < calls * 0.8) {
                    System.out.println("BENCH voice: stopping the ramp: more than a fifth of the calls failed");
                    break;
                }
            }
            int sustained = steps.stream().filter(StepFigures::sustained).mapToInt(StepFigures::calls).max().orElse(0);
            System.out.printf("BENCH voice: sustained here: %d concurrent calls (target 50); overhead target: p99 under 20 ms%n", sustained);
            assertThat(steps.getFirst().completed()).as("calls of the first step that did their dialogue").isEqualTo(steps.getFirst().calls());
        }
    }

    private StepFigures step(int calls, BenchAgent.Shared shared, RoomMedia media, LiveKitStandIn livekit,
            AgentDispatcherStandIn dispatcher, DeepgramProtocolServer deepgram) throws Exception {
        deepgram.script().say(java.util.Collections.nCopies(calls, SpeechWav.SENTENCE).toArray(String[]::new));
        try (BenchAgent agent = new BenchAgent(shared, media, livekit, dispatcher, calls);
                var callers = Executors.newVirtualThreadPerTaskExecutor();
                MemoryPeak memory = MemoryPeak.start()) {
            long skipsBefore = media.audioOutputSkips();
            ProcessCpu.Tracker tracker = cpu.track();
            List<CompletableFuture<ScriptedCall.Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                long callLogId = CALL_LOGS.incrementAndGet();
                outcomes.add(CompletableFuture.supplyAsync(() -> ScriptedCall.run(livekit, dispatcher, callLogId), callers));
                LockSupport.parkNanos(ARRIVAL.toNanos());
            }
            CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).get(3, TimeUnit.MINUTES);
            ProcessCpu.Usage used = tracker.stop();
            double cores = Runtime.getRuntime().availableProcessors() * used.wallSeconds() / 100;
            List<String> failures = outcomes.stream().map(CompletableFuture::join).filter(o -> !o.completed())
                    .map(ScriptedCall.Outcome::failure).toList();
            Map<String, double[]> stages = new LinkedHashMap<>();
            for (String stage : STAGES) {
                stages.put(stage, agent.percentilesMillis(TurnMetrics.OVERHEAD, "stage", stage));
            }
            return new StepFigures(calls, calls - failures.size(), failures, used.wallSeconds(), used.process() / cores,
                    used.bySide().get(ProcessCpu.AGENT) / cores, used.children() / cores, used.bySide(), used.byName(), memory.heapMiB(),
                    memory.rssMiB(),
                    agent.percentilesMillis("vaani.agent.turn.response"), agent.percentilesMillis(TurnMetrics.OVERHEAD, "stage", "total"),
                    stages, agent.count(TurnMetrics.OVERHEAD, "stage", "total"), agent.counter(TurnMetrics.DROPPED),
                    media.audioOutputSkips() - skipsBefore);
        }
    }

    private static void printMethod() {
        System.out.printf("""
                BENCH voice: %d cores; each call: the agent's first message, the callee's %.1f s sentence, the answer, the callee hangs up
                BENCH voice: providers: LLM local (scripted, 20 ms a word), TTS local (espeak-ng, a process per sentence), STT the Deepgram
                BENCH voice:   protocol server (scripted per utterance, in this JVM; local PocketSphinx would cost ~0.7 CPU-s an utterance); recordings to S3Proxy
                BENCH voice: overhead = the pipeline's own time on a turn's critical path, summed over four stages:
                BENCH voice:   end-of-speech: VAD's end of speech posted -> STT told (Finalize sent)
                BENCH voice:   turn: the turn due (endpointing delay over, last final transcript posted) -> the model's request sent
                BENCH voice:   first-sentence: the model delta completing the first sentence posted -> that sentence pushed to TTS
                BENCH voice:   first-audio: TTS's first audio delivered -> written to the microphone queue (sent at the next 10 ms tick)
                BENCH voice:   providers' latency (STT, model, TTS) and the %d ms endpointing delay are excluded
                BENCH voice: response = VAD's end of speech -> the answer's first TTS audio (endpointing and providers included); bound %.0f ms
                BENCH voice: CPU %% = of all cores, over the step; the LiveKit stand-in (both ends' webrtc peers), the Deepgram server and
                BENCH voice:   S3Proxy run in this JVM: "agent%%" counts only threads known to be the agent's; espeak-ng runs in child processes
                """, Runtime.getRuntime().availableProcessors(), SpeechWav.caller().duration().toMillis() / 1000.0,
                WorkerSettings.of(Map.of()).worker().voice().minEndpointingDelay().toMillis(),
                StepFigures.RESPONSE_BOUND_MS);
    }

    private static DeepgramProtocolServer deepgram() {
        try {
            return DeepgramProtocolServer.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProviderConfig providerConfig(DeepgramProtocolServer deepgram) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(ProviderConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValues(Map.of("vaani.providers.deepgram.api-key", DeepgramProtocolServer.API_KEY,
                        "vaani.providers.deepgram.base-url", deepgram.baseUrl()))
                .build();
        return config.getConfigMapping(ProviderConfig.class);
    }

    /** The highest heap in use and resident set seen while a step runs, sampled without forcing collections. */
    private static final class MemoryPeak implements AutoCloseable {
        private final Thread sampler;
        private volatile long heap;
        private volatile long rss;

        private MemoryPeak() {
            sampler = Thread.ofPlatform().daemon().name("bench-memory").start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    Runtime runtime = Runtime.getRuntime();
                    heap = Math.max(heap, runtime.totalMemory() - runtime.freeMemory());
                    rss = Math.max(rss, rss());
                    LockSupport.parkNanos(250_000_000L);
                }
            });
        }

        static MemoryPeak start() {
            return new MemoryPeak();
        }

        double heapMiB() {
            return heap / 1048576.0;
        }

        double rssMiB() {
            return rss / 1048576.0;
        }

        private static long rss() {
            try {
                return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("VmRSS:"))
                        .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024).findFirst().orElse(0);
            } catch (java.io.IOException e) {
                return 0;
            }
        }

        @Override
        public void close() {
            sampler.interrupt();
        }
    }
}
