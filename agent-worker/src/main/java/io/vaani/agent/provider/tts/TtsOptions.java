package io.vaani.agent.provider.tts;

import java.util.Optional;

/** The agent's TTS model and voice (provider defaults when absent), its language, and the rate of PCM wanted back. */
public record TtsOptions(Optional<String> model, Optional<String> voice, String language, int sampleRate) {
}
