package io.vaani.agent.voice;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a model's streamed text into sentences for TTS, so that speech starts after the first
 * sentence rather than after the whole answer. A sentence ends at . ! ? (or their CJK and
 * Devanagari forms) followed by a space, once it is long enough not to be an abbreviation.
 */
final class SentenceSplitter {
    private static final int MIN_SENTENCE = 12;
    private final StringBuilder pending = new StringBuilder();

    /** The sentences completed by this piece of text. */
    List<String> add(String delta) {
        pending.append(delta);
        List<String> sentences = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < pending.length() - 1; i++) {
            if (ends(pending.charAt(i)) && Character.isWhitespace(pending.charAt(i + 1)) && i + 1 - start >= MIN_SENTENCE) {
                sentences.add(pending.substring(start, i + 1).strip());
                start = i + 1;
            }
        }
        pending.delete(0, start);
        return sentences;
    }

    /** What is left at the end of the answer. */
    String rest() {
        String rest = pending.toString().strip();
        pending.setLength(0);
        return rest;
    }

    private static boolean ends(char c) {
        return c == '.' || c == '!' || c == '?' || c == '。' || c == '！' || c == '？' || c == '।';
    }
}
