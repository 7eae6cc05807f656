package io.vaani.agent.voice;

import io.livekit.server.RoomServiceClient;
import io.livekit.server.SipServiceClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vaani.agent.config.LiveKitConfig;
import io.vaani.agent.config.WorkerConfig;
import io.vaani.agent.livekit.LiveKitUrls;
import io.vaani.agent.provider.llm.LanguageModels;
import io.vaani.agent.provider.stt.SpeechRecognizers;
import io.vaani.agent.provider.tts.SpeechSynthesizers;
import io.vaani.agent.recording.CallRecorders;
import io.vaani.agent.voice.vad.SileroModel;
import io.vaani.contracts.amqp.RabbitConnection;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;

/** The voice agent with its providers, and LiveKit's API for hanging up and transferring. */
@Singleton
public class VoiceBeans {

    @Produces
    @Singleton
    VoiceAgent voiceAgent(WorkerConfig config, LiveKitConfig livekit, LanguageModels models, SpeechRecognizers recognizers,
            SpeechSynthesizers synthesizers, Instance<SileroModel> vad, CallRecorders recorders, RabbitConnection rabbit,
            RedisDataSource redis, MeterRegistry registry, Clock clock) {
        String api = LiveKitUrls.http(livekit.url().orElse("http://livekit-not-configured"));
        String key = livekit.apiKey().orElse("");
        String secret = livekit.apiSecret().orElse("");
        RoomServiceClient rooms = RoomServiceClient.createClient(api, key, secret);
        SipServiceClient sip = SipServiceClient.createClient(api, key, secret);
        HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(5)).build();
        return new VoiceAgent(config.voice(), models, recognizers, synthesizers, vad::get, recorders, new CallRecords(rabbit, redis),
                new TurnMetrics(registry), call -> new LiveKitCallActions(call.job(), call.caller().identity(), rabbit, rooms, sip, clock),
                http, clock);
    }
}
