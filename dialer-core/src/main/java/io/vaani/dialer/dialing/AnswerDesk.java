package io.vaani.dialer.dialing;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vaani.contracts.agent.AgentJobMetadata;
import io.vaani.contracts.domain.CallOutcome;
import io.vaani.dialer.calls.CallEvents;
import io.vaani.dialer.calls.LiveCalls;
import io.vaani.dialer.config.DialerConfig;
import io.vaani.dialer.metrics.DialerMetrics;
import io.vaani.dialer.telephony.DialResult;
import io.vaani.dialer.telephony.OutboundCall;
import io.vaani.dialer.telephony.TelephonyAdapter;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Follows a placed call to its first resolution. A failure becomes the call's outcome. An answer
 * takes an agent slot if one is free under every limit (atomically in Redis, whatever other
 * replicas do) and the agent is dispatched; otherwise the callee hears the abandon message, the
 * call hangs up and counts as abandoned.
 */
@Singleton
public class AnswerDesk {
    private final LiveCalls live;
    private final DialLeases leases;
    private final CallEvents events;
    private final DialerMetrics metrics;
    private final DialerConfig config;
    private final Clock clock;

    AnswerDesk(LiveCalls live, DialLeases leases, CallEvents events, DialerMetrics metrics, DialerConfig config, Clock clock) {
        this.live = live;
        this.leases = leases;
        this.events = events;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    /** Dials through {@code adapter} and sees the result through; runs on its own, errors logged. */
    public void follow(OutboundCall call, TelephonyAdapter adapter) {
        adapter.dial(call)
                .chain(result -> switch (result) {
                    case DialResult.Answered answered -> answered(call, adapter);
                    case DialResult.Failed failed -> {
                        metrics.failed(failed.outcome());
                        yield events.failed(call.call(), failed.outcome(), failed.sipStatus(), failed.reason());
                    }
                })
                .subscribe().with(ignored -> {
                }, failure -> Log.errorf(failure, "call %d lost its way; its lease will settle it", call.id()));
    }

    /**
     * The answered call's prospect lease grows to the longest conversation first, so no reaper
     * fails a call in progress whatever the event backlog; the agent (or the abandon message) is
     * sent at once, with CallAnswered published alongside rather than before.
     */
    Uni<Void> answered(OutboundCall call, TelephonyAdapter adapter) {
        Instant now = clock.instant();
        Instant leaseEnd = now.plus(Duration.ofSeconds(call.plan().maxCallSeconds())).plus(config.leaseMargin());
        return leases.extend(call.call().prospectId(), call.id(), leaseEnd)
                .chain(() -> adapter.agentCapacity(call.plan()))
                .chain(capacity -> live.answer(call.plan().keys(), call.id(), new LiveCalls.Limits(call.plan().maxConcurrency(),
                        call.plan().workspaceMaxConcurrency(), capacity), now, leaseEnd))
                .chain(agent -> Uni.combine().all().unis(events.answered(call.call()),
                        agent ? connect(call, adapter) : abandon(call, adapter)).discardItems());
    }

    private Uni<Void> connect(OutboundCall call, TelephonyAdapter adapter) {
        metrics.connected();
        return adapter.connectAgent(call, call.job(AgentJobMetadata.Mode.CONVERSATION))
                .onFailure().recoverWithUni(failure -> {
                    Log.errorf("dispatching the agent to call %d failed: %s", call.id(), failure.getMessage());
                    return hangUp(call, adapter).chain(() -> events.ended(call.call(), CallOutcome.FAILED, Duration.ZERO,
                            "agent dispatch failed: " + failure.getMessage()));
                });
    }

    private Uni<Void> abandon(OutboundCall call, TelephonyAdapter adapter) {
        metrics.abandoned();
        return adapter.abandon(call, call.job(AgentJobMetadata.Mode.ABANDON))
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf("abandon message for call %d failed, hanging up: %s", call.id(), failure.getMessage());
                    return hangUp(call, adapter);
                })
                .chain(() -> events.ended(call.call(), CallOutcome.ABANDONED, Duration.ZERO, "no agent free: abandon message played"));
    }

    /** Best effort: a call left up ends at its maximum duration anyway. */
    private static Uni<Void> hangUp(OutboundCall call, TelephonyAdapter adapter) {
        return adapter.hangUp(call).onFailure().recoverWithUni(failure -> {
            Log.warnf("hanging up call %d failed: %s", call.id(), failure.getMessage());
            return Uni.createFrom().voidItem();
        });
    }
}
