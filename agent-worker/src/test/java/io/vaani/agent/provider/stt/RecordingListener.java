package io.vaani.agent.provider.stt;

import io.vaani.agent.provider.ProviderException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a session reported, in order, with the thread that reported it. */
public final class RecordingListener implements SttListener {
    public final List<Transcript> transcripts = new CopyOnWriteArrayList<>();
    public final List<ProviderException> errors = new CopyOnWriteArrayList<>();
    public final List<Duration> speechStarts = new CopyOnWriteArrayList<>();
    public final List<Duration> utteranceEnds = new CopyOnWriteArrayList<>();

    @Override
    public void onTranscript(Transcript transcript) {
        transcripts.add(transcript);
    }

    @Override
    public void onError(ProviderException error) {
        errors.add(error);
    }

    @Override
    public void onSpeechStarted(Duration at) {
        speechStarts.add(at);
    }

    @Override
    public void onUtteranceEnd(Duration lastWordEnd) {
        utteranceEnds.add(lastWordEnd);
    }

    public List<Transcript> finals() {
        return transcripts.stream().filter(Transcript::isFinal).toList();
    }

    public List<String> finalTexts() {
        return finals().stream().map(Transcript::text).toList();
    }

    public List<Transcript> interims() {
        return transcripts.stream().filter(t -> !t.isFinal()).toList();
    }
}
