package io.vaani.dialer.telephony.livekit;

import static io.vaani.testing.livekit.LiveKitTwirpServer.CREATE_DISPATCH;
import static io.vaani.testing.livekit.LiveKitTwirpServer.CREATE_SIP_PARTICIPANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.smallrye.mutiny.Uni;
import io.vaani.contracts.agent.AgentProfile;
import io.vaani.contracts.agent.AgentJobMetadata;
import io.vaani.contracts.calling.CallingWindow;
import io.vaani.contracts.domain.CallOutcome;
import io.vaani.contracts.domain.CampaignStatus;
import io.vaani.contracts.domain.ComplianceProfile;
import io.vaani.contracts.domain.PacingMode;
import io.vaani.contracts.domain.Telephony;
import io.vaani.dialer.campaign.DialPlan;
import io.vaani.contracts.livekit.LiveKitConfig;
import io.vaani.dialer.origination.ClaimedCall;
import io.vaani.dialer.pacing.CallModel;
import io.vaani.dialer.pacing.DamperSettings;
import io.vaani.dialer.telephony.DialResult;
import io.vaani.dialer.telephony.OutboundCall;
import io.vaani.testing.livekit.LiveKitTwirpServer;
import io.vaani.testing.livekit.LiveKitTwirpServer.Received;
import io.vaani.testing.livekit.LiveKitTwirpServer.Reply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import livekit.LivekitAgentDispatch.CreateAgentDispatchRequest;
import livekit.LivekitRoom.DeleteRoomRequest;
import livekit.LivekitSip.CreateSIPParticipantRequest;
import livekit.LivekitSip.SIPParticipantInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The LiveKit adapter against a local server speaking LiveKit's Twirp API (no Quarkus, Redis or database). */
class LiveKitTelephonyTest {
    private static final String KEY = "APIvaaniTest";
    private static final String SECRET = "vaani-test-secret-long-enough-for-hs256";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final ClaimedCall CALL = new ClaimedCall(42, 7, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
            "+14155550123", 1, "{\"firstName\":\"Ada\"}");
    private static final AgentProfile PROFILE = new AgentProfile("Renewals", "You call about renewals.", "Hi {{firstName}}!",
            "en-GB", new AgentProfile.Model("groq", "llama-3.3-70b"), new AgentProfile.Model("deepgram", "nova-3"),
            new AgentProfile.Voice("cartesia", "sonic-2", "voice-1"), new AgentProfile.Tools(true, false, true, "+14155550199",
                    List.of(new AgentProfile.HttpTool("lookup", "Finds the policy", "https://crm.example.com/lookup", "POST", 3000,
                            JsonNodeFactory.instance.objectNode().put("type", "object")))),
            AgentProfile.VoicemailAction.LEAVE_MESSAGE, "Please call us back.", 600);
    private static final DialPlan.Trunk TRUNK = new DialPlan.Trunk(Optional.of("ST_outbound"), 5, Optional.of("+14155550100"));

    private final LiveKitTwirpServer server = LiveKitTwirpServer.start(KEY, SECRET);

    /** The configuration as {@code vaani.livekit.*} would give it. */
    record Config(Optional<String> url, Optional<String> apiKey, Optional<String> apiSecret, Duration requestTimeout)
            implements LiveKitConfig {
        static Config of(String url, String secret, Duration timeout) {
            return new Config(Optional.of(url), Optional.of(KEY), Optional.of(secret), timeout);
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void dialSendsEveryFieldOfTheCallWithASipCallToken() {
        // A ws:// URL, as LiveKit URLs are often given, reaches the Twirp API over http://.
        LiveKitTelephony telephony = telephony(Config.of(server.url().replace("http://", "ws://"), SECRET, TIMEOUT));

        DialResult result = telephony.dial(outbound(plan(Optional.of(TRUNK), 25))).await().atMost(WAIT);

        assertThat(result).isEqualTo(new DialResult.Answered("SCL_sip-42"));
        Received<CreateSIPParticipantRequest> received = server.received(CREATE_SIP_PARTICIPANT).getFirst();
        CreateSIPParticipantRequest request = received.request();
        assertThat(request.getSipTrunkId()).isEqualTo("ST_outbound");
        assertThat(request.getSipCallTo()).isEqualTo("+14155550123");
        assertThat(request.getSipNumber()).isEqualTo("+14155550100");
        assertThat(request.getRoomName()).isEqualTo("call-42");
        assertThat(request.getParticipantIdentity()).isEqualTo("sip-42");
        assertThat(request.getParticipantAttributesMap()).containsEntry("vaani.callLogId", "42");
        assertThat(request.getRingingTimeout().getSeconds()).isEqualTo(25);
        assertThat(request.getMaxCallDuration().getSeconds()).isEqualTo(600);
        assertThat(request.getWaitUntilAnswered()).isTrue();
        assertThat(received.token().getIssuer()).isEqualTo(KEY);
        assertThat(received.grants("sip")).containsEntry("call", true);
        assertThat(received.grants("video")).isEmpty();
        assertThat(received.token().getExpiresAtAsInstant()).isBetween(Instant.now().plusSeconds(540), Instant.now().plusSeconds(601));
    }

    @Test
    void theCallerIdIsLeftToTheTrunkWhenTheCampaignHasNone() {
        DialPlan.Trunk anonymous = new DialPlan.Trunk(TRUNK.liveKitTrunkId(), 5, Optional.empty());

        telephony().dial(outbound(plan(Optional.of(anonymous), 25))).await().atMost(WAIT);

        assertThat(server.received(CREATE_SIP_PARTICIPANT).getFirst().request().getSipNumber()).isEmpty();
    }

    @Test
    void anAnswerAfterRingingResolvesWithItsSipCallId() {
        Duration ringing = Duration.ofMillis(400);
        server.script(CREATE_SIP_PARTICIPANT, Reply.ok(SIPParticipantInfo.newBuilder().setSipCallId("SCL_answered").build()).after(ringing));
        Instant start = Instant.now();

        DialResult result = telephony().dial(outbound(plan(Optional.of(TRUNK), 25))).await().atMost(WAIT);

        assertThat(result).isEqualTo(new DialResult.Answered("SCL_answered"));
        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(ringing);
    }

    @ParameterizedTest(name = "SIP {0} -> {1}")
    @CsvSource({"486, BUSY", "603, BUSY", "480, NO_ANSWER", "408, NO_ANSWER", "487, NO_ANSWER", "404, INVALID_NUMBER",
            "484, INVALID_NUMBER", "500, FAILED"})
    void aRefusedCallEndsWithTheOutcomeOfItsSipStatus(int sipStatus, CallOutcome outcome) {
        server.script(CREATE_SIP_PARTICIPANT, Reply.sipFailure(sipStatus, "refused"));

        DialResult result = telephony().dial(outbound(plan(Optional.of(TRUNK), 25))).await().atMost(WAIT);

        assertThat(result).isInstanceOfSatisfying(DialResult.Failed.class, failed -> {
            assertThat(failed.outcome()).isEqualTo(outcome);
            assertThat(failed.sipStatus()).isEqualTo(sipStatus);
            assertThat(failed.reason()).contains("SIP " + sipStatus);
        });
    }

    @Test
    void aTwirpErrorWithoutSipStatusFailsTheCallNamingTheCode() {
        server.script(CREATE_SIP_PARTICIPANT, Reply.error(503, "unavailable", "no SIP service available"));

        DialResult result = telephony().dial(outbound(plan(Optional.of(TRUNK), 25))).await().atMost(WAIT);

        assertThat(result).isInstanceOfSatisfying(DialResult.Failed.class, failed -> {
            assertThat(failed.outcome()).isEqualTo(CallOutcome.FAILED);
            assertThat(failed.sipStatus()).isNull();
            assertThat(failed.reason()).contains("unavailable", "HTTP 503", "no SIP service available");
        });
    }

    @Test
    void aServerThatIsDownFailsTheCallWithoutAnException() {
        String url = server.url();
        server.close();

        DialResult result = telephony(Config.of(url, SECRET, TIMEOUT)).dial(outbound(plan(Optional.of(TRUNK), 25))).await().atMost(WAIT);

        assertThat(result).isInstanceOfSatisfying(DialResult.Failed.class, failed -> {
            assertThat(failed.outcome()).isEqualTo(CallOutcome.FAILED);
            assertThat(failed.reason()).startsWith("LiveKit unreachable");
        });
    }

    @Test
    void aServerSilentBeyondTheRingTimeoutAndTheRequestTimeoutFailsTheCall() {
        server.script(CREATE_SIP_PARTICIPANT, Reply.ok(SIPParticipantInfo.getDefaultInstance()).after(Duration.ofSeconds(30)));
        Instant start = Instant.now();

        DialResult result = telephony(Config.of(server.url(), SECRET, Duration.ofMillis(300)))
                .dial(outbound(plan(Optional.of(TRUNK), 1))).await().atMost(WAIT);

        assertThat(result).isInstanceOfSatisfying(DialResult.Failed.class, failed -> {
            assertThat(failed.outcome()).isEqualTo(CallOutcome.FAILED);
            assertThat(failed.reason()).contains("no answer within PT1.3S");
        });
        assertThat(Duration.between(start, Instant.now())).isBetween(Duration.ofMillis(1300), Duration.ofSeconds(5));
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        LiveKitTelephony impostor = telephony(Config.of(server.url(), "not-the-secret-the-server-knows-at-all", TIMEOUT));

        DialResult result = impostor.dial(outbound(plan(Optional.of(TRUNK), 25))).await().atMost(WAIT);

        assertThat(result).isInstanceOfSatisfying(DialResult.Failed.class, failed -> {
            assertThat(failed.outcome()).isEqualTo(CallOutcome.FAILED);
            assertThat(failed.reason()).contains("unauthenticated", "HTTP 401");
        });
        assertThat(server.received(CREATE_SIP_PARTICIPANT)).isEmpty();
    }

    @Test
    void connectAgentDispatchesTheAgentForAConversationWithARoomAdminToken() {
        OutboundCall outbound = outbound(plan(Optional.of(TRUNK), 25));
        AgentJobMetadata job = outbound.job(AgentJobMetadata.Mode.CONVERSATION);

        telephony().connectAgent(outbound, job).await().atMost(WAIT);

        Received<CreateAgentDispatchRequest> received = server.received(CREATE_DISPATCH).getFirst();
        assertThat(received.request().getAgentName()).isEqualTo("vaani-agent");
        assertThat(received.request().getRoom()).isEqualTo("call-42");
        AgentJobMetadata sent = AgentJobMetadata.fromJson(received.request().getMetadata());
        assertThat(sent).isEqualTo(job);
        assertThat(sent.mode()).isEqualTo(AgentJobMetadata.Mode.CONVERSATION);
        assertThat(sent.variables().path("firstName").asText()).isEqualTo("Ada");
        // The agent's whole profile travels with the job: the worker reads no database.
        assertThat(sent.version()).isEqualTo(2);
        assertThat(sent.agent()).isEqualTo(PROFILE);
        assertThat(sent.agent().tools().http().getFirst().parameters().path("type").asText()).isEqualTo("object");
        assertThat(received.grants("video")).containsAllEntriesOf(Map.of("roomAdmin", true, "room", "call-42"));
        assertThat(received.grants("sip")).isEmpty();
    }

    @Test
    void abandonDispatchesTheAgentToPlayTheCampaignsAbandonMessage() {
        OutboundCall outbound = outbound(plan(Optional.of(TRUNK), 25));

        telephony().abandon(outbound, outbound.job(AgentJobMetadata.Mode.ABANDON)).await().atMost(WAIT);

        AgentJobMetadata sent = AgentJobMetadata.fromJson(server.received(CREATE_DISPATCH).getFirst().request().getMetadata());
        assertThat(sent.mode()).isEqualTo(AgentJobMetadata.Mode.ABANDON);
        assertThat(sent.abandonMessage()).isEqualTo("Sorry, we will call you back.");
        assertThat(sent.callLogId()).isEqualTo(42);
        assertThat(sent.agent()).isEqualTo(PROFILE); // its voice speaks the message
    }

    @Test
    void aRefusedDispatchFailsWithTheTwirpError() {
        server.script(CREATE_DISPATCH, Reply.error(404, "not_found", "room call-42 does not exist"));
        OutboundCall outbound = outbound(plan(Optional.of(TRUNK), 25));

        assertThatThrownBy(() -> telephony().connectAgent(outbound, outbound.job(AgentJobMetadata.Mode.CONVERSATION)).await().atMost(WAIT))
                .isInstanceOfSatisfying(LiveKitApi.TwirpException.class, e -> assertThat(e.error())
                        .isEqualTo(new TwirpError(404, "not_found", "room call-42 does not exist", Optional.empty())));
    }

    @Test
    void aDispatchUnansweredWithinTheRequestTimeoutFails() {
        server.script(CREATE_DISPATCH, Reply.error(503, "unavailable", "late").after(Duration.ofSeconds(30)));
        OutboundCall outbound = outbound(plan(Optional.of(TRUNK), 25));
        LiveKitTelephony telephony = telephony(Config.of(server.url(), SECRET, Duration.ofMillis(300)));

        assertThatThrownBy(() -> telephony.connectAgent(outbound, outbound.job(AgentJobMetadata.Mode.CONVERSATION)).await().atMost(WAIT))
                .rootCause().isInstanceOf(TimeoutException.class).hasMessage("no answer within PT0.3S");
    }

    @Test
    void hangUpDeletesTheCallsRoomWithARoomCreateToken() {
        OutboundCall outbound = outbound(plan(Optional.of(TRUNK), 25));

        telephony().hangUp(outbound).await().atMost(WAIT);

        Received<DeleteRoomRequest> received = server.received(LiveKitTwirpServer.DELETE_ROOM).getFirst();
        assertThat(received.request().getRoom()).isEqualTo("call-42");
        assertThat(received.grants("video")).containsEntry("roomCreate", true);
    }

    @Test
    void manyCallsRingAtOnce() {
        // OkHttp's default of 5 requests per host would queue the sixth call behind five ringing phones.
        for (int i = 0; i < 20; i++) {
            server.script(CREATE_SIP_PARTICIPANT, Reply.ok(SIPParticipantInfo.newBuilder().setSipCallId("SCL_" + i).build())
                    .after(Duration.ofSeconds(1)));
        }
        LiveKitTelephony telephony = telephony();
        List<Uni<DialResult>> dials = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            dials.add(telephony.dial(outbound(plan(Optional.of(TRUNK), 25))));
        }
        long started = System.nanoTime();
        List<DialResult> results = Uni.join().all(dials).andFailFast().await().atMost(WAIT);
        assertThat(results).allMatch(DialResult.Answered.class::isInstance);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void liveKitUrlsBecomeTwirpBaseUrls() {
        assertThat(LiveKitConfig.twirpUrl("ws://127.0.0.1:7880")).isEqualTo("http://127.0.0.1:7880/");
        assertThat(LiveKitConfig.twirpUrl("wss://vaani.livekit.cloud")).isEqualTo("https://vaani.livekit.cloud/");
        assertThat(LiveKitConfig.twirpUrl("https://vaani.livekit.cloud/")).isEqualTo("https://vaani.livekit.cloud/");
    }

    @Test
    void unusableNamesWhatIsMissing() {
        DialPlan ready = plan(Optional.of(TRUNK), 25);
        LiveKitTelephony unconfigured = telephony(new Config(Optional.empty(), Optional.of(KEY), Optional.of(SECRET), TIMEOUT));
        LiveKitTelephony keyless = telephony(new Config(Optional.of(server.url()), Optional.empty(), Optional.of(SECRET), TIMEOUT));

        assertThat(unconfigured.unusable(ready)).hasValueSatisfying(why -> assertThat(why).contains("vaani.livekit.url"));
        assertThat(keyless.unusable(ready)).hasValueSatisfying(why -> assertThat(why).contains("api-key"));
        assertThat(telephony().unusable(plan(Optional.empty(), 25))).hasValueSatisfying(why -> assertThat(why).contains("no SIP trunk"));
        DialPlan.Trunk unregistered = new DialPlan.Trunk(Optional.empty(), 5, TRUNK.callerId());
        assertThat(telephony().unusable(plan(Optional.of(unregistered), 25)))
                .hasValueSatisfying(why -> assertThat(why).contains("registered with LiveKit"));
        assertThat(telephony().unusable(ready)).isEmpty();
    }

    private LiveKitTelephony telephony() {
        return telephony(Config.of(server.url(), SECRET, TIMEOUT));
    }

    // agentCapacity is not exercised here, so no Redis.
    private static LiveKitTelephony telephony(LiveKitConfig config) {
        return new LiveKitTelephony(config, null, Clock.systemUTC());
    }

    private static DialPlan plan(Optional<DialPlan.Trunk> trunk, int ringTimeoutSeconds) {
        return new DialPlan(CALL.campaignId(), CALL.workspaceId(), CALL.agentId(), "vaani-agent", CampaignStatus.RUNNING,
                Telephony.LIVEKIT, 2, PacingMode.MANUAL, 1.5, 3, DamperSettings.defaults(), 10, 5, 20, trunk, ringTimeoutSeconds,
                "Sorry, we will call you back.", 600, 0, 0, 0, 0, CallingWindow.parse("{}", ComplianceProfile.NONE),
                new CallModel.Sample(0, 0, 0, 0, 0, 0, 0), PROFILE);
    }

    private static OutboundCall outbound(DialPlan plan) {
        return new OutboundCall(CALL, plan);
    }
}
