package io.vaani.agent.provider.tts.sarvam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vaani.agent.provider.tts.EspeakAudio;
import io.vaani.agent.provider.tts.SentenceProviderContract;
import io.vaani.agent.provider.tts.TextToSpeech;
import io.vaani.agent.provider.tts.TtsOptions;
import io.vaani.agent.provider.tts.TtsSession;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SarvamTextToSpeechTest extends SentenceProviderContract<SarvamProtocolServer> {

    @Override
    protected SarvamProtocolServer startServer() {
        return SarvamProtocolServer.start();
    }

    @Override
    protected TextToSpeech tts(SarvamProtocolServer server, String apiKey) {
        return new SarvamTextToSpeech(client, URI.create(server.httpUrl()), apiKey, Duration.ofSeconds(5));
    }

    @Override
    protected int providerRate(int sessionRate) {
        return SarvamTextToSpeech.rateFor(sessionRate);
    }

    @Override
    protected int authFailureStatus() {
        return 403;
    }

    @Override
    protected String provider() {
        return "sarvam";
    }

    @Test
    void speaksHindiAsHindi() {
        String text = "नमस्ते, आप कैसे हैं?";
        try (TtsSession session = tts(server, server.apiKey()).open(new TtsOptions(Optional.empty(), Optional.empty(), "hi", 16_000), listener)) {
            session.push(text);
            session.flush();
            await().atMost(WAIT).until(() -> listener.doneCount() == 1);
        }
        assertThat(server.texts()).containsExactly(text);
        assertThat(listener.samples()).isEqualTo(EspeakAudio.speak(text, "hi", 16_000));
    }

    @Test
    void languagesAndRatesMapToBulbulsOwn() {
        assertThat(SarvamTextToSpeech.languageCode("en-US")).isEqualTo("en-IN");
        assertThat(SarvamTextToSpeech.languageCode("or")).isEqualTo("od-IN");
        assertThat(SarvamTextToSpeech.rateFor(44_100)).isEqualTo(22_050);
        assertThat(SarvamTextToSpeech.rateFor(48_000)).isEqualTo(24_000);
        assertThat(SarvamTextToSpeech.rateFor(8_000)).isEqualTo(8_000);
    }
}
