package io.vaani.agent.provider.tts.deepgram;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaani.agent.provider.tts.SentenceProviderContract;
import io.vaani.agent.provider.tts.TextToSpeech;
import io.vaani.agent.provider.tts.TtsOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeepgramTextToSpeechTest extends SentenceProviderContract<DeepgramProtocolServer> {

    @Override
    protected DeepgramProtocolServer startServer() {
        return DeepgramProtocolServer.start();
    }

    @Override
    protected TextToSpeech tts(DeepgramProtocolServer server, String apiKey) {
        return new DeepgramTextToSpeech(client, URI.create(server.httpUrl()), apiKey, Duration.ofSeconds(5));
    }

    @Override
    protected int providerRate(int sessionRate) {
        return DeepgramTextToSpeech.RATES.contains(sessionRate) ? sessionRate : 24_000;
    }

    @Override
    protected int authFailureStatus() {
        return 401;
    }

    @Override
    protected String provider() {
        return "deepgram";
    }

    @Test
    void voicesNameTheAuraModel() {
        assertThat(DeepgramTextToSpeech.model(new TtsOptions(Optional.empty(), Optional.empty(), "en", 16_000))).isEqualTo("aura-2-thalia-en");
        assertThat(DeepgramTextToSpeech.model(new TtsOptions(Optional.empty(), Optional.of("aura-2-andromeda-en"), "en", 16_000)))
                .isEqualTo("aura-2-andromeda-en");
        assertThat(DeepgramTextToSpeech.model(new TtsOptions(Optional.empty(), Optional.of("celeste"), "es-MX", 16_000)))
                .isEqualTo("aura-2-celeste-es");
    }
}
