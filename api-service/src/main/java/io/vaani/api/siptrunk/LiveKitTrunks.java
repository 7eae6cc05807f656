package io.vaani.api.siptrunk;

import io.livekit.server.CreateSipOutboundTrunkOptions;
import io.livekit.server.SipServiceClient;
import io.livekit.server.UpdateSipOutboundTrunkOptions;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vaani.api.problem.ProblemException;
import io.vaani.contracts.livekit.LiveKitConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import retrofit2.Call;
import retrofit2.Response;

/**
 * The LiveKit outbound trunk behind each SIP trunk, kept in step through the server SDK. Without
 * LiveKit configured, trunks are stored only (campaigns on the simulator need none).
 */
@ApplicationScoped
class LiveKitTrunks {
    private final Optional<SipServiceClient> sip;

    LiveKitTrunks(LiveKitConfig config) {
        this.sip = config.configured() ? Optional.of(SipServiceClient.createClient(LiveKitConfig.twirpUrl(config.url().orElseThrow()),
                config.apiKey().orElseThrow(), config.apiSecret().orElseThrow(), () -> new OkHttpClient.Builder()
                        .callTimeout(config.requestTimeout()).build())) : Optional.empty();
    }

    boolean configured() {
        return sip.isPresent();
    }

    /** The new trunk's LiveKit id. */
    Uni<String> create(String name, SipTrunkDtos.SipTrunkSpec trunk) {
        return run(sip -> {
            CreateSipOutboundTrunkOptions options = new CreateSipOutboundTrunkOptions();
            options.setAuthUsername(trunk.auth() == null ? null : trunk.auth().username());
            options.setAuthPassword(trunk.auth() == null ? null : trunk.auth().password());
            return sip.createSipOutboundTrunk(name, trunk.address(), trunk.numbers(), options);
        }).map(info -> info.getSipTrunkId());
    }

    Uni<Void> update(String liveKitId, String name, SipTrunkDtos.SipTrunkSpec trunk) {
        return run(sip -> {
            UpdateSipOutboundTrunkOptions options = new UpdateSipOutboundTrunkOptions();
            options.setName(name);
            options.setAddress(trunk.address());
            options.setNumbers(trunk.numbers());
            options.setAuthUsername(trunk.auth() == null ? "" : trunk.auth().username());
            options.setAuthPassword(trunk.auth() == null ? "" : trunk.auth().password());
            return sip.updateSipOutboundTrunk(liveKitId, options);
        }).replaceWithVoid();
    }

    /** Deletes the LiveKit trunk; one LiveKit no longer has is already gone. */
    Uni<Void> delete(String liveKitId) {
        return run(sip -> sip.deleteSipTrunk(liveKitId), 404).replaceWithVoid();
    }

    private <T> Uni<T> run(Function<SipServiceClient, Call<T>> request, int... tolerated) {
        SipServiceClient client = sip.orElseThrow();
        return Uni.createFrom().item(() -> {
            try {
                Response<T> response = request.apply(client).execute();
                if (response.isSuccessful() || Arrays.stream(tolerated).anyMatch(s -> s == response.code())) {
                    return response.body();
                }
                String error;
                try (var body = response.errorBody()) {
                    error = body == null ? "" : body.string();
                }
                throw ProblemException.of(Status.BAD_GATEWAY, "LiveKit refused the trunk (HTTP " + response.code() + "): " + error);
            } catch (IOException e) {
                throw ProblemException.of(Status.BAD_GATEWAY, "LiveKit did not answer: " + e.getMessage());
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
