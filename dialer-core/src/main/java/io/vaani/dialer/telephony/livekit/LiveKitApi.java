package io.vaani.dialer.telephony.livekit;

import io.livekit.server.AccessToken;
import io.livekit.server.AgentDispatchService;
import io.livekit.server.RoomAdmin;
import io.livekit.server.RoomCreate;
import io.livekit.server.RoomName;
import io.livekit.server.RoomService;
import io.livekit.server.SIPCall;
import io.livekit.server.SipService;
import io.smallrye.mutiny.Uni;
import io.vaani.contracts.livekit.LiveKitConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import livekit.LivekitAgentDispatch.AgentDispatch;
import livekit.LivekitAgentDispatch.CreateAgentDispatchRequest;
import livekit.LivekitRoom.DeleteRoomRequest;
import livekit.LivekitSip.CreateSIPParticipantRequest;
import livekit.LivekitSip.SIPParticipantInfo;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.protobuf.ProtoConverterFactory;

/**
 * LiveKit's Twirp services through the server SDK's service definitions and access tokens, with
 * requests built here so that every CreateSIPParticipant field (ringing timeout, caller number)
 * can be set. Each request carries a short-lived token with only the grant it needs, and is given
 * up after the configured request timeout (a SIP call: after its ringing timeout plus that).
 */
public class LiveKitApi {
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);
    /** Calls ringing at once through one dialer replica, with room to spare for dispatches. */
    static final int MAX_PARALLEL_REQUESTS = 10_000;

    private final SipService sip;
    private final AgentDispatchService dispatch;
    private final RoomService rooms;
    private final String apiKey;
    private final String apiSecret;
    private final Duration timeout;
    private final Clock clock;

    public LiveKitApi(String url, String apiKey, String apiSecret, Duration timeout, Clock clock) {
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.timeout = timeout;
        this.clock = clock;
        // OkHttp runs 5 requests per host at once by default; every ringing call holds one until answered.
        Dispatcher parallel = new Dispatcher();
        parallel.setMaxRequests(MAX_PARALLEL_REQUESTS);
        parallel.setMaxRequestsPerHost(MAX_PARALLEL_REQUESTS);
        // No read timeout: a SIP call is silent until answered; send() bounds each request as a whole instead.
        OkHttpClient http = new OkHttpClient.Builder().dispatcher(parallel).connectTimeout(timeout).readTimeout(Duration.ZERO)
                .build();
        Retrofit retrofit = new Retrofit.Builder().baseUrl(LiveKitConfig.twirpUrl(url)).client(http)
                .addConverterFactory(ProtoConverterFactory.create()).build();
        this.sip = retrofit.create(SipService.class);
        this.dispatch = retrofit.create(AgentDispatchService.class);
        this.rooms = retrofit.create(RoomService.class);
    }

    /** Places a SIP call; with {@code wait_until_answered} the answer comes once the callee picks up. */
    public Uni<SIPParticipantInfo> createSipParticipant(CreateSIPParticipantRequest request) {
        Duration ringing = Duration.ofSeconds(request.getRingingTimeout().getSeconds());
        return send(() -> {
            AccessToken token = token();
            token.addSIPGrants(new SIPCall(true));
            return sip.createSipParticipant(request, bearer(token));
        }, ringing.plus(timeout));
    }

    public Uni<AgentDispatch> createDispatch(CreateAgentDispatchRequest request) {
        return send(() -> {
            AccessToken token = token();
            token.addGrants(new RoomAdmin(true), new RoomName(request.getRoom()));
            return dispatch.createDispatch(request, bearer(token));
        }, timeout);
    }

    /** Ends the call: deleting its room hangs up the SIP participant. */
    public Uni<Void> deleteRoom(String room) {
        return send(() -> {
            AccessToken token = token();
            token.addGrants(new RoomCreate(true));
            return rooms.deleteRoom(DeleteRoomRequest.newBuilder().setRoom(room).build(), bearer(token));
        }, timeout).replaceWithVoid();
    }


    private AccessToken token() {
        AccessToken token = new AccessToken(apiKey, apiSecret);
        token.setExpiration(Date.from(clock.instant().plus(TOKEN_LIFETIME)));
        return token;
    }

    private static String bearer(AccessToken token) {
        return "Bearer " + token.toJwt();
    }

    /**
     * Runs a fresh call (a Retrofit call runs once) per subscription on OkHttp's threads, cancelled
     * after {@code limit}; a Twirp error answer fails the Uni with {@link TwirpException}.
     */
    private static <T> Uni<T> send(Supplier<Call<T>> calls, Duration limit) {
        return Uni.createFrom().<T>emitter(emitter -> {
            Call<T> call = calls.get();
            emitter.onTermination(call::cancel); // a no-op once the call has completed
            call.enqueue(new Callback<>() {
                @Override
                public void onResponse(Call<T> c, Response<T> response) {
                    if (response.isSuccessful()) {
                        emitter.complete(response.body());
                        return;
                    }
                    String body;
                    try (var error = response.errorBody()) {
                        body = error == null ? "" : error.string();
                    } catch (IOException e) {
                        body = "";
                    }
                    emitter.fail(new TwirpException(TwirpError.parse(response.code(), body)));
                }

                @Override
                public void onFailure(Call<T> c, Throwable failure) {
                    emitter.fail(failure);
                }
            });
        }).ifNoItem().after(limit).failWith(() -> new TimeoutException("no answer within " + limit));
    }

    /** The Twirp error a LiveKit API answered with. */
    public static final class TwirpException extends RuntimeException {
        private final TwirpError error;

        TwirpException(TwirpError error) {
            super(error.toString());
            this.error = error;
        }

        public TwirpError error() {
            return error;
        }
    }

    static LiveKitApi from(LiveKitConfig config, Clock clock) {
        return new LiveKitApi(config.url().orElseThrow(), config.apiKey().orElseThrow(), config.apiSecret().orElseThrow(),
                config.requestTimeout(), clock);
    }
}
