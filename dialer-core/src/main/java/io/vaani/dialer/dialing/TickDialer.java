package io.vaani.dialer.dialing;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vaani.contracts.domain.CampaignStatus;
import io.vaani.contracts.domain.Telephony;
import io.vaani.contracts.messages.CampaignTick;
import io.vaani.dialer.calls.CallEvents;
import io.vaani.dialer.calls.CallKeys;
import io.vaani.dialer.calls.LiveCalls;
import io.vaani.dialer.campaign.DialPlan;
import io.vaani.dialer.campaign.DialPlans;
import io.vaani.dialer.config.DialerConfig;
import io.vaani.dialer.metrics.DialerMetrics;
import io.vaani.dialer.origination.CallClaimer;
import io.vaani.dialer.origination.ClaimResult;
import io.vaani.contracts.domain.PacingMode;
import io.vaani.dialer.pacing.CallAges;
import io.vaani.dialer.pacing.CallModel;
import io.vaani.dialer.pacing.Capacity;
import io.vaani.dialer.pacing.Forecast;
import io.vaani.dialer.pacing.Pacer;
import io.vaani.dialer.pacing.PacingCalculator;
import io.vaani.dialer.telephony.OutboundCall;
import io.vaani.dialer.telephony.Telephonies;
import io.vaani.dialer.telephony.TelephonyAdapter;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What one tick of a running campaign does: pace on the live calls, reserve that many ringing
 * slots in Redis, claim as many hopper entries, and place the calls. The tick is acknowledged once
 * the claim has committed and every placed call's CallOriginated is confirmed; the calls then run
 * on their own ({@link AnswerDesk}).
 */
@Singleton
public class TickDialer {
    /** Reservations lost to another replica's tick of the same campaign before this tick gives up. */
    static final int RESERVE_ATTEMPTS = 3;

    private final DialPlans plans;
    private final LiveCalls live;
    private final DialerStatus status;
    private final CallClaimer claimer;
    private final Telephonies telephonies;
    private final CallEvents events;
    private final AnswerDesk desk;
    private final DialerMetrics metrics;
    private final DialerConfig config;
    private final Clock clock;

    TickDialer(DialPlans plans, LiveCalls live, DialerStatus status, CallClaimer claimer, Telephonies telephonies,
            CallEvents events, AnswerDesk desk, DialerMetrics metrics, DialerConfig config, Clock clock) {
        this.plans = plans;
        this.live = live;
        this.status = status;
        this.claimer = claimer;
        this.telephonies = telephonies;
        this.events = events;
        this.desk = desk;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Void> onTick(CampaignTick tick) {
        return plans.load(tick.campaignId()).chain(found -> {
            if (found.isEmpty() || found.get().status() != CampaignStatus.RUNNING) {
                return Uni.createFrom().voidItem();
            }
            DialPlan plan = found.get();
            // A tick older than its interval was delayed (a broker outage, a backlog): the next one is due anyway.
            if (tick.at().plusSeconds(plan.dialerIntervalSeconds()).isBefore(clock.instant())) {
                metrics.staleTick();
                return Uni.createFrom().voidItem();
            }
            TelephonyAdapter adapter = telephonies.of(plan.telephony());
            Optional<String> unusable = adapter.unusable(plan);
            if (unusable.isPresent()) {
                metrics.unusable();
                Log.warnf("campaign %s cannot dial: %s", plan.campaignId(), unusable.get());
                return Uni.createFrom().voidItem();
            }
            return pace(plan, adapter);
        });
    }

    private Uni<Void> pace(DialPlan plan, TelephonyAdapter adapter) {
        Instant now = clock.instant();
        CallKeys keys = plan.keys();
        return Uni.combine().all().unis(live.snapshot(keys, now), adapter.agentCapacity(plan), status.pacing(plan.campaignId()),
                forecastBasis(plan, now)).asTuple().chain(t -> {
                    Pacer.Decision decision = Pacer.decide(new Pacer.Inputs(plan.pacingMode(), plan.callRatio(), plan.maxRatio(),
                            plan.damper(), capacity(plan, t.getItem1(), t.getItem2()), plan.answered(), plan.abandoned(),
                            plan.carrierFailureShare(), t.getItem4()), t.getItem3());
                    return status.save(plan.campaignId(), decision.next(), decision.ratio(), now)
                            .chain(() -> reserve(plan, adapter, t.getItem1(), t.getItem2(), decision, decision.calls(), 1));
                });
    }

    /**
     * What adaptive pacing forecasts from: the campaign's measured calls and its live calls' ages,
     * read from their lease ends. Answered calls get an agent at once or are abandoned
     * ({@link AnswerDesk}), so there is no grace to count on.
     */
    private Uni<Optional<Forecast.Basis>> forecastBasis(DialPlan plan, Instant now) {
        Optional<CallModel> model = plan.pacingMode() == PacingMode.ADAPTIVE ? plan.callModel() : Optional.empty();
        if (model.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        long margin = config.leaseMargin().toMillis();
        return live.leaseEnds(plan.keys()).map(ends -> Optional.of(new Forecast.Basis(model.get(), new CallAges(
                ages(ends.connected(), now, plan.maxCallSeconds() * 1000L + margin),
                ages(ends.ringing(), now, plan.ringTimeoutSeconds() * 1000L + margin)), 0)));
    }

    private static double[] ages(long[] leaseEnds, Instant now, long allowanceMillis) {
        double[] ages = new double[leaseEnds.length];
        for (int i = 0; i < ages.length; i++) {
            ages[i] = Math.max(0, now.toEpochMilli() - (leaseEnds[i] - allowanceMillis)) / 1000.0;
        }
        return ages;
    }

    /** Holds {@code calls} ringing slots unless another tick of the campaign moved first; then paces again on fresh figures. */
    private Uni<Void> reserve(DialPlan plan, TelephonyAdapter adapter, LiveCalls.Snapshot paced, int agentCapacity,
            Pacer.Decision decision, int calls, int attempt) {
        if (calls == 0) {
            return Uni.createFrom().voidItem();
        }
        String token = UUID.randomUUID().toString();
        return live.reserve(plan.keys(), paced, calls, token, clock.instant()).chain(held -> {
            if (held) {
                return claimAndDial(plan, adapter, token, calls);
            }
            metrics.reserveConflict();
            if (attempt >= RESERVE_ATTEMPTS) {
                return Uni.createFrom().voidItem();
            }
            return live.snapshot(plan.keys(), clock.instant()).chain(fresh -> reserve(plan, adapter, fresh, agentCapacity, decision,
                    decision.callsOn(capacity(plan, fresh, agentCapacity)), attempt + 1));
        });
    }

    private Uni<Void> claimAndDial(DialPlan plan, TelephonyAdapter adapter, String token, int reserved) {
        Instant leaseEnd = clock.instant().plus(plan.ringTimeout()).plus(config.leaseMargin());
        return claimer.claim(plan, reserved)
                .onFailure().call(() -> live.settle(plan.keys(), token, reserved, List.of()))
                .call(result -> live.settle(plan.keys(), token, reserved, result.calls().stream()
                        .map(call -> new LiveCalls.Placed(call.callLogId(), leaseEnd)).toList()))
                .call(result -> status.countSkips(plan.campaignId(), result.skippedDoNotCall(), result.skippedOutsideWindow()))
                .invoke(metrics::claimed)
                .invoke(result -> {
                    if (result.skippedDoNotCall() + result.skippedOutsideWindow() > 0) {
                        Log.infof("campaign %s: gave back %d numbers that joined a do-not-call list and %d whose calling hours "
                                + "closed since they were queued", plan.campaignId(), result.skippedDoNotCall(),
                                result.skippedOutsideWindow());
                    }
                })
                .chain(result -> place(plan, adapter, result));
    }

    /** Announces every call, then dials them, spread over the second(s) the trunk's calls-per-second limit asks for. */
    private Uni<Void> place(DialPlan plan, TelephonyAdapter adapter, ClaimResult result) {
        List<OutboundCall> calls = result.calls().stream().map(call -> new OutboundCall(call, plan)).toList();
        Duration spacing = spacing(plan);
        // The call logs exist: a lost CallOriginated must not keep claimed numbers from being dialed.
        return Multi.createFrom().iterable(calls).onItem().transformToUniAndMerge(call -> events.originated(call)
                        .onFailure().invoke(failure -> Log.warnf("CallOriginated of call %d lost: %s", call.id(), failure.getMessage()))
                        .onFailure().recoverWithNull())
                .collect().last()
                .invoke(() -> {
                    for (int i = 0; i < calls.size(); i++) {
                        OutboundCall call = calls.get(i);
                        Duration delay = spacing.multipliedBy(i);
                        if (delay.isZero()) {
                            desk.follow(call, adapter);
                        } else {
                            Uni.createFrom().voidItem().onItem().delayIt().by(delay)
                                    .subscribe().with(ignored -> desk.follow(call, adapter));
                        }
                    }
                }).replaceWithVoid();
    }

    private static Duration spacing(DialPlan plan) {
        if (plan.telephony() != Telephony.LIVEKIT || plan.trunk().isEmpty()) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) (1e9 / plan.trunk().get().maxCallsPerSecond()));
    }

    private static Capacity capacity(DialPlan plan, LiveCalls.Snapshot live, int agentCapacity) {
        int trunkBudget = plan.telephony() == Telephony.LIVEKIT && plan.trunk().isPresent()
                ? PacingCalculator.trunkBudget(plan.trunk().get().maxCallsPerSecond(), plan.dialerIntervalSeconds())
                : plan.maxPerTick();
        return new Capacity(plan.maxConcurrency(), Math.max(0, plan.workspaceMaxConcurrency() - live.workspaceConnected()),
                Math.max(0, agentCapacity - live.agentConnected()), live.connected(), live.ringing(), plan.maxPerTick(), trunkBudget);
    }

}
