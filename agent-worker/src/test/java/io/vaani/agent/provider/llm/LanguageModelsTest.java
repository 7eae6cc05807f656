package io.vaani.agent.provider.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vaani.agent.provider.ProviderConfig;
import io.vaani.agent.provider.llm.RecordingListener.Complete;
import io.vaani.agent.provider.llm.RecordingListener.Text;
import io.vaani.agent.provider.llm.local.ScriptedDialogueModel;
import io.vaani.agent.provider.llm.openai.OpenAiProtocolServer;
import io.vaani.agent.provider.llm.openai.OpenAiProtocolServer.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LanguageModelsTest {

    private static LanguageModels models(Map<String, String> properties) {
        ProviderConfig config = new SmallRyeConfigBuilder()
                .withMapping(ProviderConfig.class)
                // Durations as Quarkus writes them ("10s").
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build()
                .getConfigMapping(ProviderConfig.class);
        return new LanguageModels(config);
    }

    @Test
    void localNeedsNoKey() {
        assertThat(models(Map.of()).forProvider("local")).isInstanceOf(ScriptedDialogueModel.class);
    }

    @Test
    void aHostedModelWithoutItsKeyFailsSayingWhichToSet() {
        LanguageModels models = models(Map.of("vaani.providers.openai.api-key", ""));

        assertThatThrownBy(() -> models.forProvider("openai")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OPENAI_API_KEY");
        assertThatThrownBy(() -> models.forProvider("groq")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GROQ_API_KEY");
    }

    @Test
    void anUnknownProviderIsRefused() {
        assertThatThrownBy(() -> models(Map.of()).forProvider("deepgram")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deepgram").hasMessageContaining("groq, local, openai");
    }

    @Test
    void groqSpeaksTheChatCompletionsApiAtItsBaseWithItsKey() throws Exception {
        try (OpenAiProtocolServer groq = OpenAiProtocolServer.start("gsk_test_31f0c2", "/openai/v1")) {
            groq.enqueue(Reply.text("Namaste", "!"));
            LanguageModels models = models(Map.of(
                    "vaani.providers.groq.api-key", "gsk_test_31f0c2",
                    "vaani.providers.groq.base-url", groq.baseUrl().toString(),
                    "vaani.providers.openai.api-key", "sk-not-this-one"));
            RecordingListener listener = new RecordingListener();

            LanguageModel model = models.forProvider("groq");
            model.stream(new LlmRequest("llama-3.3-70b-versatile", List.of(new ChatMessage.User("Hi")), List.of(), Optional.empty()),
                    listener);
            await().until(listener::ended);

            assertThat(listener.events()).containsExactly(new Text("Namaste"), new Text("!"), new Complete("stop"));
            assertThat(groq.lastRequest().path()).isEqualTo("/openai/v1/chat/completions");
            assertThat(groq.lastRequest().body().path("model").asText()).isEqualTo("llama-3.3-70b-versatile");
            assertThat(models.forProvider("groq")).isSameAs(model);
        }
    }
}
