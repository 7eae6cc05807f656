package io.vaani.scheduler.reaper;

import io.livekit.server.AccessToken;
import io.livekit.server.RoomAdmin;
import io.livekit.server.RoomName;
import io.livekit.server.RoomService;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vaani.contracts.livekit.LiveKitConfig;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitRoom.ListParticipantsRequest;
import livekit.LivekitRoom.ListParticipantsResponse;
import okhttp3.OkHttpClient;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.protobuf.ProtoConverterFactory;

/**
 * Asks LiveKit whether a call's room still holds its SIP participant, through the server SDK's
 * RoomService (Twirp, ListParticipants). Without LiveKit settings every room is {@code UNKNOWN}.
 */
@Singleton
public class LiveKitRooms {
    /** ALIVE: the callee is still in the room; GONE: room or callee gone; UNKNOWN: LiveKit could not tell. */
    public enum State {
        ALIVE, GONE, UNKNOWN
    }

    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);

    private final LiveKitConfig config;
    private final Clock clock;
    private final RoomService rooms;

    LiveKitRooms(LiveKitConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.rooms = config.configured() ? new Retrofit.Builder().baseUrl(LiveKitConfig.twirpUrl(config.url().orElseThrow()))
                .client(new OkHttpClient.Builder().callTimeout(config.requestTimeout()).build())
                .addConverterFactory(ProtoConverterFactory.create()).build().create(RoomService.class) : null;
    }

    public Uni<State> state(String room) {
        if (rooms == null || room == null) {
            return Uni.createFrom().item(State.UNKNOWN);
        }
        return Uni.createFrom().item(() -> ask(room)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().recoverWithItem(State.UNKNOWN);
    }

    private State ask(String room) {
        AccessToken token = new AccessToken(config.apiKey().orElseThrow(), config.apiSecret().orElseThrow());
        token.setExpiration(Date.from(clock.instant().plus(TOKEN_LIFETIME)));
        token.addGrants(new RoomAdmin(true), new RoomName(room));
        try {
            Response<ListParticipantsResponse> response = rooms.listParticipants(
                    ListParticipantsRequest.newBuilder().setRoom(room).build(), "Bearer " + token.toJwt()).execute();
            if (response.code() == 404) {
                return State.GONE; // Twirp not_found: the room has closed
            }
            if (!response.isSuccessful() || response.body() == null) {
                return State.UNKNOWN;
            }
            return response.body().getParticipantsList().stream().anyMatch(p -> p.getKind() == ParticipantInfo.Kind.SIP)
                    ? State.ALIVE : State.GONE;
        } catch (java.io.IOException e) {
            return State.UNKNOWN;
        }
    }

}
