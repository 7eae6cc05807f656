package io.vaani.agent.provider.stt;

/** The agent's STT model and language (e.g. nova-3, en-US) and the rate of the PCM the session is fed. */
public record SttOptions(String model, String language, int sampleRate) {
}
