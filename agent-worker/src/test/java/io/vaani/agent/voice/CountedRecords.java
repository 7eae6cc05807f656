package io.vaani.agent.voice;

import io.vaani.contracts.agent.AgentJobMetadata;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Call records counted instead of published, for benchmarks: publishing comes after the call, off
 * the path they measure, and the test vhost is shared with the test runs of the other modules.
 */
public final class CountedRecords extends CallRecords {
    private final AtomicInteger ended = new AtomicInteger();
    private final AtomicInteger recorded = new AtomicInteger();
    private final AtomicInteger stored = new AtomicInteger();

    public CountedRecords() {
        super(null, null);
    }

    @Override
    boolean ended(AgentJobMetadata call, VoiceSession.Result result) {
        ended.incrementAndGet();
        return true;
    }

    @Override
    void record(AgentJobMetadata call, VoiceSession.Result result, String recordingKey) {
        recorded.incrementAndGet();
        if (recordingKey != null) {
            stored.incrementAndGet();
        }
    }

    /** Calls that reached the end of the conversation and had their record handed over. */
    public int recorded() {
        return recorded.get();
    }

    /** Of those, the calls whose recording was stored. */
    public int recordingsStored() {
        return stored.get();
    }
}
