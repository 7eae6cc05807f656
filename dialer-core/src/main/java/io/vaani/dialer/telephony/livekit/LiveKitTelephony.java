package io.vaani.dialer.telephony.livekit;

import com.google.protobuf.Duration;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vaani.contracts.agent.AgentJobMetadata;
import io.vaani.contracts.agent.AgentSlots;
import io.vaani.contracts.domain.CallOutcome;
import io.vaani.contracts.domain.Telephony;
import io.vaani.dialer.campaign.DialPlan;
import io.vaani.contracts.livekit.LiveKitConfig;
import io.vaani.dialer.telephony.DialResult;
import io.vaani.dialer.telephony.OutboundCall;
import io.vaani.dialer.telephony.SipOutcomes;
import io.vaani.dialer.telephony.TelephonyAdapter;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import livekit.LivekitAgentDispatch.CreateAgentDispatchRequest;
import livekit.LivekitSip.CreateSIPParticipantRequest;

/**
 * Calls through LiveKit SIP: CreateSIPParticipant on the campaign's outbound trunk into a room
 * named after the call log, waiting until the callee answers (or the SIP failure comes back);
 * the answered call's agent arrives by CreateAgentDispatch. Hang-up and later progress come from
 * LiveKit webhooks and the agent worker.
 */
@Singleton
public class LiveKitTelephony implements TelephonyAdapter {
    private final Optional<LiveKitApi> api;
    private final ReactiveRedisDataSource redis;
    private final Clock clock;

    LiveKitTelephony(LiveKitConfig config, ReactiveRedisDataSource redis, Clock clock) {
        this.api = config.configured() ? Optional.of(LiveKitApi.from(config, clock)) : Optional.empty();
        this.redis = redis;
        this.clock = clock;
    }

    @Override
    public Telephony kind() {
        return Telephony.LIVEKIT;
    }

    @Override
    public Optional<String> unusable(DialPlan plan) {
        if (api.isEmpty()) {
            return Optional.of("LiveKit is not configured (vaani.livekit.url, api-key and api-secret)");
        }
        if (plan.trunk().flatMap(DialPlan.Trunk::liveKitTrunkId).isEmpty()) {
            return Optional.of("the campaign has no SIP trunk registered with LiveKit");
        }
        return Optional.empty();
    }

    @Override
    public Uni<Integer> agentCapacity(DialPlan plan) {
        String key = AgentSlots.key(plan.agentName());
        return redis.hash(String.class).hgetall(key).call(reports -> {
            AgentSlots.Census census = AgentSlots.census(reports, clock.instant());
            return census.expired().isEmpty() ? Uni.createFrom().voidItem()
                    : redis.hash(String.class).hdel(key, census.expired().toArray(String[]::new)).replaceWithVoid();
        }).map(reports -> AgentSlots.census(reports, clock.instant()).capacity());
    }

    @Override
    public Uni<DialResult> dial(OutboundCall outbound) {
        DialPlan plan = outbound.plan();
        DialPlan.Trunk trunk = plan.trunk().orElseThrow();
        CreateSIPParticipantRequest.Builder request = CreateSIPParticipantRequest.newBuilder()
                .setSipTrunkId(trunk.liveKitTrunkId().orElseThrow())
                .setSipCallTo(outbound.call().phone())
                .setRoomName(outbound.call().roomName())
                .setParticipantIdentity("sip-" + outbound.id())
                .setParticipantName(outbound.call().phone())
                .putParticipantAttributes("vaani.callLogId", String.valueOf(outbound.id()))
                .setRingingTimeout(Duration.newBuilder().setSeconds(plan.ringTimeoutSeconds()))
                .setMaxCallDuration(Duration.newBuilder().setSeconds(plan.maxCallSeconds()))
                .setWaitUntilAnswered(true);
        trunk.callerId().ifPresent(request::setSipNumber);
        return api.orElseThrow().createSipParticipant(request.build())
                .<DialResult>map(participant -> new DialResult.Answered(participant.getSipCallId()))
                .onFailure().recoverWithItem(LiveKitTelephony::failed);
    }

    @Override
    public Uni<Void> connectAgent(OutboundCall outbound, AgentJobMetadata job) {
        return dispatch(outbound, job);
    }

    @Override
    public Uni<Void> abandon(OutboundCall outbound, AgentJobMetadata job) {
        return dispatch(outbound, job); // the worker plays the message and hangs up, without taking a conversation slot
    }

    @Override
    public Uni<Void> hangUp(OutboundCall outbound) {
        return api.orElseThrow().deleteRoom(outbound.call().roomName());
    }

    private Uni<Void> dispatch(OutboundCall outbound, AgentJobMetadata job) {
        return api.orElseThrow().createDispatch(CreateAgentDispatchRequest.newBuilder()
                .setAgentName(outbound.plan().agentName())
                .setRoom(outbound.call().roomName())
                .setMetadata(job.toJson())
                .build()).replaceWithVoid();
    }

    static DialResult failed(Throwable failure) {
        if (failure instanceof LiveKitApi.TwirpException twirp) {
            TwirpError error = twirp.error();
            CallOutcome outcome = error.sipStatus().map(SipOutcomes::outcome).orElse(CallOutcome.FAILED);
            return new DialResult.Failed(outcome, error.sipStatus().orElse(null), error.toString());
        }
        Log.warnf("LiveKit CreateSIPParticipant failed: %s", failure.toString());
        return new DialResult.Failed(CallOutcome.FAILED, null, "LiveKit unreachable: " + failure.getMessage());
    }
}
