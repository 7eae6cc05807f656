package io.vaani.agent;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vaani.agent.provider.llm.openai.OpenAiProtocolServer;
import io.vaani.agent.provider.stt.deepgram.DeepgramProtocolServer;
import io.vaani.agent.provider.tts.elevenlabs.ElevenLabsProtocolServer;
import io.vaani.testing.s3.S3ProxyServer;
import java.util.Map;

/**
 * The providers as the application reaches them, each a local server speaking its real protocol
 * (Deepgram for STT, OpenAI for the model, ElevenLabs for TTS), and S3Proxy for the recordings;
 * tests get the servers in their fields.
 */
public class ProvidersResource implements QuarkusTestResourceLifecycleManager {
    public static final String BUCKET = "vaani-recordings-test";

    private OpenAiProtocolServer openai;
    private DeepgramProtocolServer deepgram;
    private ElevenLabsProtocolServer elevenlabs;
    private S3ProxyServer s3;

    @Override
    public Map<String, String> start() {
        try {
            openai = OpenAiProtocolServer.start();
            deepgram = DeepgramProtocolServer.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        elevenlabs = ElevenLabsProtocolServer.start();
        s3 = S3ProxyServer.start(BUCKET);
        return Map.ofEntries(Map.entry("vaani.providers.openai.api-key", openai.apiKey()),
                Map.entry("vaani.providers.openai.base-url", openai.baseUrl().toString()),
                Map.entry("vaani.providers.deepgram.api-key", DeepgramProtocolServer.API_KEY),
                Map.entry("vaani.providers.deepgram.base-url", deepgram.baseUrl()),
                Map.entry("vaani.providers.elevenlabs.api-key", elevenlabs.apiKey()),
                Map.entry("vaani.providers.elevenlabs.base-url", elevenlabs.httpUrl()),
                Map.entry("quarkus.s3.endpoint-override", s3.endpoint()), Map.entry("quarkus.s3.aws.region", S3ProxyServer.REGION),
                Map.entry("quarkus.s3.aws.credentials.type", "static"),
                Map.entry("quarkus.s3.aws.credentials.static-provider.access-key-id", S3ProxyServer.ACCESS_KEY),
                Map.entry("quarkus.s3.aws.credentials.static-provider.secret-access-key", S3ProxyServer.SECRET_KEY),
                Map.entry("vaani.recordings.bucket", BUCKET));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(openai, new TestInjector.MatchesType(OpenAiProtocolServer.class));
        injector.injectIntoFields(deepgram, new TestInjector.MatchesType(DeepgramProtocolServer.class));
        injector.injectIntoFields(elevenlabs, new TestInjector.MatchesType(ElevenLabsProtocolServer.class));
        injector.injectIntoFields(s3, new TestInjector.MatchesType(S3ProxyServer.class));
    }

    @Override
    public void stop() {
        try {
            openai.close();
            deepgram.close();
            elevenlabs.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        s3.close();
    }
}
