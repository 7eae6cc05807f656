package io.vaani.contracts.agent;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The speech and language providers the agent worker speaks, by the lowercase names agents store.
 * {@code local} needs no key: a scripted dialogue and espeak-ng, for development offline.
 */
public enum Providers {
    LLM("openai", "groq", "local"),
    STT("deepgram", "cartesia", "sarvam", "openai", "local"),
    TTS("elevenlabs", "cartesia", "deepgram", "sarvam", "openai", "local");

    private final SortedSet<String> names;

    Providers(String... names) {
        this.names = new TreeSet<>(Set.of(names));
    }

    public boolean supports(String name) {
        return names.contains(name);
    }

    public SortedSet<String> names() {
        return names;
    }
}
