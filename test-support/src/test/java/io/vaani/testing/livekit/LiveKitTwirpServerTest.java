package io.vaani.testing.livekit;

import static io.vaani.testing.livekit.LiveKitTwirpServer.CREATE_DISPATCH;
import static io.vaani.testing.livekit.LiveKitTwirpServer.CREATE_SIP_PARTICIPANT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Message;
import io.livekit.server.AccessToken;
import io.livekit.server.RoomAdmin;
import io.livekit.server.RoomName;
import io.livekit.server.SIPCall;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.function.Consumer;
import livekit.LivekitAgentDispatch.AgentDispatch;
import livekit.LivekitAgentDispatch.CreateAgentDispatchRequest;
import livekit.LivekitSip.CreateSIPParticipantRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stand-in refuses what LiveKit refuses, so that the adapter's passing tests mean something. */
class LiveKitTwirpServerTest {
    private static final String KEY = "APIvaaniTest";
    private static final String SECRET = "vaani-test-secret-long-enough-for-hs256";
    private static final CreateAgentDispatchRequest DISPATCH = CreateAgentDispatchRequest.newBuilder().setAgentName("vaani-agent")
            .setRoom("call-42").build();
    private static final CreateSIPParticipantRequest SIP_CALL = CreateSIPParticipantRequest.newBuilder().setSipTrunkId("ST_outbound")
            .setSipCallTo("+14155550123").setRoomName("call-42").build();

    private final LiveKitTwirpServer server = LiveKitTwirpServer.start(KEY, SECRET);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
        http.close();
    }

    @Test
    void answersARoomAdminOfTheRoomWithTheDispatchAsProtobuf() throws Exception {
        HttpResponse<byte[]> response = post(CREATE_DISPATCH, DISPATCH, token(SECRET, t -> t.addGrants(new RoomAdmin(true), new RoomName("call-42"))));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(AgentDispatch.parseFrom(response.body()).getRoom()).isEqualTo("call-42");
        assertThat(server.received(CREATE_DISPATCH)).hasSize(1);
    }

    @Test
    void refusesAMissingOrForgedOrExpiredToken() throws Exception {
        String forged = token("another-secret-long-enough-for-hs256", t -> t.addSIPGrants(new SIPCall(true)));
        AccessToken expired = new AccessToken(KEY, SECRET);
        expired.addSIPGrants(new SIPCall(true));
        expired.setExpiration(Date.from(Instant.now().minusSeconds(3600)));

        for (String bearer : new String[] {null, forged, expired.toJwt()}) {
            assertTwirpError(post(CREATE_SIP_PARTICIPANT, SIP_CALL, bearer), 401, "unauthenticated");
        }
        assertThat(server.received(CREATE_SIP_PARTICIPANT)).isEmpty();
    }

    @Test
    void refusesATokenWithoutTheMethodsGrant() throws Exception {
        String sipCaller = token(SECRET, t -> t.addSIPGrants(new SIPCall(true)));
        String otherRoomAdmin = token(SECRET, t -> t.addGrants(new RoomAdmin(true), new RoomName("call-43")));
        String roomAdmin = token(SECRET, t -> t.addGrants(new RoomAdmin(true), new RoomName("call-42")));

        assertTwirpError(post(CREATE_DISPATCH, DISPATCH, sipCaller), 403, "permission_denied");
        assertTwirpError(post(CREATE_DISPATCH, DISPATCH, otherRoomAdmin), 403, "permission_denied");
        assertTwirpError(post(CREATE_SIP_PARTICIPANT, SIP_CALL, roomAdmin), 403, "permission_denied");
        assertThat(server.received(CREATE_DISPATCH)).isEmpty();
        assertThat(server.received(CREATE_SIP_PARTICIPANT)).isEmpty();
    }

    private static String token(String secret, Consumer<AccessToken> grants) {
        AccessToken token = new AccessToken(KEY, secret);
        grants.accept(token);
        return token.toJwt();
    }

    private HttpResponse<byte[]> post(LiveKitTwirpServer.Rpc<?> rpc, Message body, String bearer)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + rpc.path()))
                .header("Content-Type", "application/protobuf").POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertTwirpError(HttpResponse<byte[]> response, int status, String code) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(new ObjectMapper().readTree(response.body()).path("code").asText()).isEqualTo(code);
    }
}
