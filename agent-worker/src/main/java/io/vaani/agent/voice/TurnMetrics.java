package io.vaani.agent.voice;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** Per-turn latency as Prometheus histograms: where the time between the callee's last word and the agent's first goes. */
public final class TurnMetrics {
    /** The pipeline's own time per turn, tagged {@code stage}: total, end-of-speech, turn, first-sentence, first-audio. */
    public static final String OVERHEAD = "vaani.agent.turn.overhead";
    /** Frames of the callee's audio dropped because a call's loop fell behind. */
    public static final String DROPPED = "vaani.agent.audio.dropped";
    private final Timer endOfUtterance;
    private final Timer firstToken;
    private final Timer firstByte;
    private final Timer response;
    private final Timer overheadTotal;
    private final Timer overheadEndOfSpeech;
    private final Timer overheadTurn;
    private final Timer overheadFirstSentence;
    private final Timer overheadFirstAudio;
    private final Counter dropped;

    public TurnMetrics(MeterRegistry registry) {
        endOfUtterance = timer(registry, "vaani.agent.turn.end.of.utterance", "From the end of the callee's speech to taking the turn");
        firstToken = timer(registry, "vaani.agent.turn.llm.first.token", "From asking the model to its first token");
        firstByte = timer(registry, "vaani.agent.turn.tts.first.byte", "From the first text sent to TTS to its first audio");
        response = timer(registry, "vaani.agent.turn.response", "From the end of the callee's speech to the agent's first audio");
        overheadTotal = overhead(registry, "total");
        overheadEndOfSpeech = overhead(registry, "end-of-speech");
        overheadTurn = overhead(registry, "turn");
        overheadFirstSentence = overhead(registry, "first-sentence");
        overheadFirstAudio = overhead(registry, "first-audio");
        dropped = Counter.builder(DROPPED).description("Frames of the callee's audio dropped because the call fell behind").register(registry);
    }

    private static Timer timer(MeterRegistry registry, String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    }

    void endOfUtterance(Duration duration) {
        endOfUtterance.record(duration);
    }

    void firstToken(Duration duration) {
        firstToken.record(duration);
    }

    void firstByte(Duration duration) {
        firstByte.record(duration);
    }

    void response(Duration duration) {
        response.record(duration);
    }

    void droppedFrames(long frames) {
        dropped.increment(frames);
    }

    void overhead(TurnTimings timings) {
        overheadTotal.record(timings.total());
        overheadEndOfSpeech.record(timings.endOfSpeech());
        overheadTurn.record(timings.turn());
        overheadFirstSentence.record(timings.firstSentence());
        overheadFirstAudio.record(timings.firstAudio());
    }

    /** Sub-millisecond values matter here: the histogram starts at 50 µs. */
    private static Timer overhead(MeterRegistry registry, String stage) {
        return Timer.builder(OVERHEAD).description("Time the pipeline adds to a turn between provider events (providers and endpointing delay excluded)")
                .tag("stage", stage).publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(1)).register(registry);
    }
}
