package io.vaani.agent.provider.stt;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What a protocol server "hears": the test says the words of each utterance in order, and the
 * server hands them out one utterance at a time as it detects speech in the audio it receives. An
 * utterance beyond the script is heard as {@code ""}. Shared by a server's connections.
 */
public final class TranscriptScript {
    private final ConcurrentLinkedQueue<String> utterances = new ConcurrentLinkedQueue<>();

    public TranscriptScript say(String... texts) {
        utterances.addAll(List.of(texts));
        return this;
    }

    public String next() {
        String text = utterances.poll();
        return text == null ? "" : text;
    }

    public int remaining() {
        return utterances.size();
    }
}
