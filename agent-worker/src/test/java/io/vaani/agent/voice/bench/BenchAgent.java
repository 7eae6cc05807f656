package io.vaani.agent.voice.bench;

import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vaani.agent.call.RoomJobHandler;
import io.vaani.agent.job.RunningJobs;
import io.vaani.agent.livekit.AgentDispatcherStandIn;
import io.vaani.agent.livekit.LiveKitStandIn;
import io.vaani.agent.provider.llm.LanguageModels;
import io.vaani.agent.provider.stt.SpeechRecognizers;
import io.vaani.agent.provider.tts.SpeechSynthesizers;
import io.vaani.agent.recording.CallRecorders;
import io.vaani.agent.room.RoomMedia;
import io.vaani.agent.voice.CallActions;
import io.vaani.agent.voice.CountedRecords;
import io.vaani.agent.voice.TurnMetrics;
import io.vaani.agent.voice.VoiceAgent;
import io.vaani.agent.voice.vad.SileroModel;
import io.vaani.agent.worker.AgentWorker;
import io.vaani.agent.worker.SlotBoard;
import io.vaani.agent.worker.WorkerSettings;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * A worker process's agent as VoiceBeans builds it, wired by hand, with a fresh meter registry per
 * ramp step so each step's percentiles are its own. The providers, the VAD model and the recorders
 * are shared across steps, as in the process.
 */
final class BenchAgent implements AutoCloseable {
    /** Providers, model and recordings: what every step's agent shares. */
    record Shared(LanguageModels models, SpeechRecognizers recognizers, SpeechSynthesizers synthesizers, SileroModel vad,
            CallRecorders recorders) {
    }

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final CountedRecords records = new CountedRecords();
    private final AgentWorker worker;
    private final AgentDispatcherStandIn dispatcher;

    BenchAgent(Shared shared, RoomMedia media, LiveKitStandIn livekit, AgentDispatcherStandIn dispatcher, int maxJobs) {
        this.dispatcher = dispatcher;
        // exact client-side percentiles over the whole step, rather than the Prometheus buckets
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return DistributionStatisticConfig.builder().percentiles(0.5, 0.99).percentilePrecision(3)
                        .expiry(Duration.ofHours(1)).bufferLength(1).build().merge(config);
            }
        });
        WorkerSettings settings = WorkerSettings.of(Map.of("vaani.livekit.url", livekit.url().toString(), "vaani.livekit.api-key",
                LiveKitStandIn.API_KEY, "vaani.livekit.api-secret", LiveKitStandIn.API_SECRET, "vaani.agent.max-jobs",
                String.valueOf(maxJobs), "vaani.agent.join-timeout", "15s", "vaani.agent.drain-grace", "5s"));
        VoiceAgent agent = new VoiceAgent(settings.worker().voice(), shared.models(), shared.recognizers(), shared.synthesizers(),
                shared::vad, shared.recorders(), records, new TurnMetrics(registry), call -> NO_ACTIONS, HttpClient.newHttpClient(),
                Clock.systemUTC());
        RunningJobs jobs = new RunningJobs(new RoomJobHandler(() -> media, settings.worker().joinTimeout(), agent), maxJobs,
                Clock.systemUTC(), registry);
        worker = new AgentWorker(settings.worker(), settings.livekit(), jobs, NO_SLOTS, Clock.systemUTC());
        worker.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> !dispatcher.workers().isEmpty());
    }

    /** The 50th and 99th percentiles of a timer, in milliseconds; NaN when nothing was recorded. */
    double[] percentilesMillis(String name, String... tags) {
        Timer timer = registry.find(name).tags(tags).timer();
        if (timer == null || timer.count() == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        ValueAtPercentile[] values = timer.takeSnapshot().percentileValues();
        return new double[] {values[0].value(java.util.concurrent.TimeUnit.NANOSECONDS) / 1e6,
                values[1].value(java.util.concurrent.TimeUnit.NANOSECONDS) / 1e6};
    }

    long count(String name, String... tags) {
        Timer timer = registry.find(name).tags(tags).timer();
        return timer == null ? 0 : timer.count();
    }

    double counter(String name) {
        var counter = registry.find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() throws InterruptedException {
        worker.shutdown();
        await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.workers().isEmpty());
    }

    /** The scripted dialogue calls no tool: nothing to schedule, transfer or hang up outside the conversation. */
    private static final CallActions NO_ACTIONS = new CallActions() {
        @Override
        public void scheduleCallback(LocalDateTime localTime, String zone, String note) {
        }

        @Override
        public void optOut() {
        }

        @Override
        public void transfer(String number) {
        }

        @Override
        public void hangUp() {
        }
    };

    private static final SlotBoard NO_SLOTS = new SlotBoard() {
        @Override
        public void report(int capacity, Instant validUntil) {
        }

        @Override
        public void withdraw() {
        }
    };
}
