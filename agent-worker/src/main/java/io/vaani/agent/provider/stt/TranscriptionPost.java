package io.vaani.agent.provider.stt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaani.agent.provider.ProviderException;
import io.vaani.agent.provider.ProviderFailures;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Function;

/** An utterance sent as a multipart form to a transcription endpoint; the JSON answer, or a {@link ProviderException}. */
public final class TranscriptionPost {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private TranscriptionPost() {
    }

    /**
     * @param request the endpoint with the provider's credentials
     * @param refusal the error for an answer other than 200
     */
    public static JsonNode send(HttpClient http, String provider, HttpRequest.Builder request, MultipartForm form,
            Function<HttpResponse<String>, ProviderException> refusal) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(RESPONSE_TIMEOUT)
                    .header("Content-Type", form.contentType())
                    .POST(form.publisher())
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw ProviderFailures.connection(provider, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderFailures.connection(provider, e);
        }
        if (response.statusCode() != 200) {
            throw refusal.apply(response);
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw ProviderFailures.connection(provider, e);
        }
    }
}
