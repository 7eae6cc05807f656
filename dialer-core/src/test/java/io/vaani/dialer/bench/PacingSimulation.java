package io.vaani.dialer.bench;

import io.vaani.contracts.domain.CallOutcome;
import io.vaani.contracts.domain.PacingMode;
import io.vaani.dialer.pacing.CallAges;
import io.vaani.dialer.pacing.CallModel;
import io.vaani.dialer.pacing.Capacity;
import io.vaani.dialer.pacing.DamperSettings;
import io.vaani.dialer.pacing.Forecast;
import io.vaani.dialer.pacing.Pacer;
import io.vaani.dialer.pacing.PacingState;
import io.vaani.dialer.simulator.CallScenario;
import io.vaani.dialer.simulator.PhoneNetworkModel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A campaign day in virtual time, event by event: every tick the production pacing decides how many
 * calls to place; the simulated network decides what each call does; a person who answers gets an
 * agent if one is free within 2 s (the US rule), else the call is abandoned. Adaptive pacing learns
 * its call model from the day's calls as dialer-core does from campaign_stats. Deterministic per seed.
 */
final class PacingSimulation {
    static final double RING_TIMEOUT = 30;
    static final double TALK_MAX = 3600;
    /** The US rule: an answered caller must reach an agent within 2 s, else the call is abandoned. */
    static final double GRACE_SECONDS = 2;

    record Result(int capacity, String mode, double occupancy, double abandonRate, long placed, long answered,
            long abandoned) {
    }

    private record Event(double at, boolean hangUp, long id, CallScenario call) {
    }

    private record Waiting(double deadline, long id, CallScenario call) {
    }

    private final int capacity;
    private final PacingMode pacing;
    private final double ratio;
    private final PhoneNetworkModel network;
    private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> Double.compare(a.at(), b.at()));
    private final Deque<Waiting> waiting = new ArrayDeque<>(); // answered calls waiting for an agent, oldest first
    private final Map<Long, Double> ringingSince = new LinkedHashMap<>();
    private final Map<Long, Double> talkingSince = new LinkedHashMap<>();
    private double busySeconds;
    private double last;
    private long placed;
    private long answered;
    private long abandoned;
    private double delaySum;
    private double delaySquares;
    private long talked;
    private double talkLogSum;
    private double talkLogSquares;

    private PacingSimulation(int capacity, PacingMode pacing, double ratio, PhoneNetworkModel network) {
        this.capacity = capacity;
        this.pacing = pacing;
        this.ratio = ratio;
        this.network = network;
    }

    static Result run(int capacity, PacingMode pacing, double ratio, PhoneNetworkModel network, double tickSeconds, double hours,
            String mode) {
        return new PacingSimulation(capacity, pacing, ratio, network).day(tickSeconds, hours, mode);
    }

    private Result day(double tickSeconds, double hours, String mode) {
        DamperSettings settings = DamperSettings.defaults();
        PacingState state = PacingState.initial();
        double end = hours * 3600;
        long ids = 0;
        for (double now = 0; now < end; now += tickSeconds) {
            while (!events.isEmpty() && events.peek().at() <= now) {
                handle(events.poll());
            }
            advance(now);
            CallAges ages = ages(now);
            Pacer.Decision decision = Pacer.decide(new Pacer.Inputs(pacing, ratio, 5.0, settings,
                    new Capacity(capacity, Integer.MAX_VALUE, capacity - talkingSince.size(), talkingSince.size(),
                            ringingSince.size(), 1000, 1000),
                    answered, abandoned, 0, CallModel.measured(sample(), RING_TIMEOUT, TALK_MAX)
                            .map(model -> new Forecast.Basis(model, ages, GRACE_SECONDS))), state);
            state = decision.next();
            for (int i = 0; i < decision.calls(); i++) {
                CallScenario call = network.next();
                long id = ++ids;
                placed++;
                ringingSince.put(id, now);
                events.add(new Event(now + seconds(call.ring()), false, id, call));
            }
        }
        return new Result(capacity, mode, busySeconds / (capacity * end), answered == 0 ? 0 : (double) abandoned / answered,
                placed, answered, abandoned);
    }

    private void handle(Event event) {
        advance(event.at());
        if (!event.hangUp()) {
            double since = ringingSince.remove(event.id());
            if (event.call().outcome() == CallOutcome.COMPLETED) {
                answered++;
                double delay = event.at() - since;
                delaySum += delay;
                delaySquares += delay * delay;
                if (talkingSince.size() < capacity) {
                    connect(event.id(), event.call(), event.at());
                } else {
                    waiting.add(new Waiting(event.at() + GRACE_SECONDS, event.id(), event.call()));
                }
            }
            return;
        }
        double talk = event.at() - talkingSince.remove(event.id());
        talked++;
        talkLogSum += Math.log(talk);
        talkLogSquares += Math.log(talk) * Math.log(talk);
        if (!waiting.isEmpty()) { // the longest-waiting caller takes the agent at once
            Waiting caller = waiting.poll();
            connect(caller.id(), caller.call(), event.at());
        }
    }

    private void connect(long id, CallScenario call, double at) {
        talkingSince.put(id, at);
        events.add(new Event(at + seconds(call.talk()), true, id, call));
    }

    /** Moves the clock to {@code at}: agent time accrues, callers whose grace ran out are abandoned. */
    private void advance(double at) {
        busySeconds += talkingSince.size() * (at - last);
        last = at;
        while (!waiting.isEmpty() && waiting.peek().deadline() < at) {
            waiting.poll();
            abandoned++;
        }
    }

    private CallModel.Sample sample() {
        return new CallModel.Sample(placed - ringingSince.size(), answered, delaySum, delaySquares, talked, talkLogSum,
                talkLogSquares);
    }

    private CallAges ages(double now) {
        return new CallAges(talkingSince.values().stream().mapToDouble(since -> now - since).toArray(),
                ringingSince.values().stream().mapToDouble(since -> now - since).toArray());
    }

    private static double seconds(java.time.Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
