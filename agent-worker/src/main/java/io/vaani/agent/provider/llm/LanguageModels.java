package io.vaani.agent.provider.llm;

import io.vaani.agent.provider.ProviderConfig;
import io.vaani.agent.provider.llm.local.ScriptedDialogueModel;
import io.vaani.agent.provider.llm.openai.ChatCompletionsModel;
import io.vaani.contracts.agent.Providers;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chat model of an agent's LLM provider ({@link Providers#LLM}): openai and groq speak the same
 * chat completions API at their own base URLs with their own keys; local is the scripted development
 * model. Models hold no conversation state, so one per provider serves every call.
 */
@Singleton
public class LanguageModels {
    /** The development model's pace: about fifty words a second, like a fast hosted model. */
    private static final Duration LOCAL_PAUSE = Duration.ofMillis(20);

    private final ProviderConfig config;
    private final HttpClient http;
    private final Map<String, LanguageModel> models = new ConcurrentHashMap<>();

    public LanguageModels(ProviderConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
    }

    /**
     * The model for a provider name as agents store it.
     *
     * @throws IllegalArgumentException for a name that is not an LLM provider
     * @throws IllegalStateException    when the provider's key is not configured
     */
    public LanguageModel forProvider(String name) {
        if (!Providers.LLM.supports(name)) {
            throw new IllegalArgumentException("unknown LLM provider '" + name + "'; known: " + Providers.LLM.names());
        }
        return models.computeIfAbsent(name, this::create);
    }

    private LanguageModel create(String name) {
        return switch (name) {
            case "openai" -> chatCompletions(name, config.openai(), ChatCompletionsModel.OPENAI_BASE_URL, "OPENAI_API_KEY");
            case "groq" -> chatCompletions(name, config.groq(), ChatCompletionsModel.GROQ_BASE_URL, "GROQ_API_KEY");
            case "local" -> new ScriptedDialogueModel(Clock.systemDefaultZone(), LOCAL_PAUSE);
            default -> throw new IllegalArgumentException("no LLM implementation for '" + name + "'");
        };
    }

    private ChatCompletionsModel chatCompletions(String name, ProviderConfig.Endpoint endpoint, URI publicBase, String keyVariable) {
        String key = endpoint.apiKey().filter(k -> !k.isBlank()).orElseThrow(() -> new IllegalStateException(
                "the " + name + " LLM needs an API key: set " + keyVariable + " (vaani.providers." + name + ".api-key)"));
        URI base = endpoint.baseUrl().filter(url -> !url.isBlank()).map(URI::create).orElse(publicBase);
        return new ChatCompletionsModel(name, http, base, key, config.connectTimeout());
    }
}
