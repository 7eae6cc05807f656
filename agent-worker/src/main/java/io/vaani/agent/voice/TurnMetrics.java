package io.vaani.agent.voice;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** Per-turn latency as Prometheus histograms: where the time between the callee's last word and the agent's first goes. */
public final class TurnMetrics {
    private final Timer endOfUtterance;
    private final Timer firstToken;
    private final Timer firstByte;
    private final Timer response;

    public TurnMetrics(MeterRegistry registry) {
        endOfUtterance = timer(registry, "vaani.agent.turn.end.of.utterance", "From the end of the callee's speech to taking the turn");
        firstToken = timer(registry, "vaani.agent.turn.llm.first.token", "From asking the model to its first token");
        firstByte = timer(registry, "vaani.agent.turn.tts.first.byte", "From the first text sent to TTS to its first audio");
        response = timer(registry, "vaani.agent.turn.response", "From the end of the callee's speech to the agent's first audio");
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
}
