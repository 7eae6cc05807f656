package io.vaani.dialer.simulator;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vaani.contracts.agent.AgentJobMetadata;
import io.vaani.contracts.domain.CallOutcome;
import io.vaani.contracts.domain.Telephony;
import io.vaani.dialer.calls.CallEvents;
import io.vaani.dialer.campaign.DialPlan;
import io.vaani.dialer.config.DialerConfig;
import io.vaani.dialer.telephony.DialResult;
import io.vaani.dialer.telephony.OutboundCall;
import io.vaani.dialer.telephony.TelephonyAdapter;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The built-in virtual phone network at wall-clock speed (or {@code speed} times faster): each call
 * rings, then is answered, busy, unanswered, picked up by voicemail or invalid as
 * {@link PhoneNetworkModel} draws it. A connected call plays the agent's part too: it talks for its
 * drawn time and reports the outcome as the agent worker would. Events are those of LiveKit calls.
 */
@Singleton
public class SimulatorTelephony implements TelephonyAdapter {
    private final PhoneNetworkModel network;
    private final CallEvents events;
    private final DialerConfig.Simulator config;
    private final Map<Long, CallScenario> ringing = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> talking = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> mostTalking = new ConcurrentHashMap<>();

    SimulatorTelephony(CallEvents events, DialerConfig config) {
        this.events = events;
        this.config = config.simulator();
        this.network = new PhoneNetworkModel(new PhoneNetworkModel.Rates(this.config.answerRate(), this.config.busyRate(),
                this.config.voicemailRate(), this.config.invalidNumberRate()), this.config.ringMin(), this.config.ringMax(),
                this.config.talkMean(), this.config.talkSigma(), this.config.seed().orElseGet(System::nanoTime));
    }

    @Override
    public Telephony kind() {
        return Telephony.SIMULATOR;
    }

    @Override
    public Optional<String> unusable(DialPlan plan) {
        return Optional.empty();
    }

    @Override
    public Uni<Integer> agentCapacity(DialPlan plan) {
        return Uni.createFrom().item(config.agentSlots());
    }

    @Override
    public Uni<DialResult> dial(OutboundCall outbound) {
        CallScenario scenario = network.next();
        Duration timeout = outbound.plan().ringTimeout();
        // An unanswered phone rings until the dialer gives up; one answered after the timeout is unanswered too.
        Duration ring = scenario.outcome() == CallOutcome.NO_ANSWER || scenario.ring().compareTo(timeout) > 0 ? timeout : scenario.ring();
        boolean rings = scenario.outcome() != CallOutcome.INVALID_NUMBER;
        Uni<Void> progress = rings
                ? later(Duration.ofMillis(Math.min(1000, ring.toMillis() / 2))).chain(() -> events.ringing(outbound.call()))
                : Uni.createFrom().voidItem();
        progress.subscribe().with(ignored -> {
        }, failure -> Log.debugf("ringing event of call %d lost: %s", outbound.id(), failure.getMessage()));
        return later(ring).map(ignored -> {
            if (scenario.pickedUp() && ring.equals(scenario.ring())) {
                ringing.put(outbound.id(), scenario);
                return new DialResult.Answered("sim-" + outbound.id());
            }
            CallOutcome outcome = scenario.pickedUp() ? CallOutcome.NO_ANSWER : scenario.outcome();
            return new DialResult.Failed(outcome, sipStatus(outcome), "simulated " + outcome.name().toLowerCase().replace('_', ' '));
        });
    }

    @Override
    public Uni<Void> connectAgent(OutboundCall outbound, AgentJobMetadata job) {
        CallScenario scenario = ringing.remove(outbound.id());
        CallScenario call = scenario != null ? scenario : network.next();
        CallOutcome outcome = call.outcome() == CallOutcome.VOICEMAIL ? CallOutcome.VOICEMAIL : CallOutcome.COMPLETED;
        UUID campaign = outbound.call().campaignId();
        int now = talking.computeIfAbsent(campaign, id -> new AtomicInteger()).incrementAndGet();
        mostTalking.computeIfAbsent(campaign, id -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        later(call.talk())
                .invoke(() -> talking.get(campaign).decrementAndGet())
                .chain(() -> events.ended(outbound.call(), outcome, call.talk(),
                        outcome == CallOutcome.VOICEMAIL ? "voicemail detected, hung up" : "simulated conversation"))
                .subscribe().with(ignored -> {
                }, failure -> Log.warnf("outcome of simulated call %d lost (its lease will settle it): %s", outbound.id(),
                        failure.getMessage()));
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> abandon(OutboundCall outbound, AgentJobMetadata job) {
        ringing.remove(outbound.id());
        return Uni.createFrom().voidItem(); // the callee hears the message; the dialer reports the outcome
    }

    @Override
    public Uni<Void> hangUp(OutboundCall outbound) {
        ringing.remove(outbound.id());
        return Uni.createFrom().voidItem();
    }

    /** Calls of the campaign in conversation with a simulated agent right now. */
    public int talking(UUID campaignId) {
        AtomicInteger count = talking.get(campaignId);
        return count == null ? 0 : count.get();
    }

    /** The most calls of the campaign this network ever had in conversation at once. */
    public int mostTalking(UUID campaignId) {
        AtomicInteger count = mostTalking.get(campaignId);
        return count == null ? 0 : count.get();
    }

    private Uni<Void> later(Duration simulated) {
        long millis = Math.max(1, (long) (simulated.toMillis() / config.speed()));
        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(millis));
    }

    private static Integer sipStatus(CallOutcome outcome) {
        return switch (outcome) {
            case BUSY -> 486;
            case NO_ANSWER -> 480;
            case INVALID_NUMBER -> 404;
            default -> 500;
        };
    }
}
