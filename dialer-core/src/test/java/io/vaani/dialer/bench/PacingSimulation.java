package io.vaani.dialer.bench;

import io.vaani.contracts.domain.CallOutcome;
import io.vaani.dialer.pacing.Capacity;
import io.vaani.contracts.domain.PacingMode;
import io.vaani.dialer.pacing.DamperSettings;
import io.vaani.dialer.pacing.Pacer;
import io.vaani.dialer.pacing.PacingState;
import io.vaani.dialer.simulator.CallScenario;
import io.vaani.dialer.simulator.PhoneNetworkModel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.PriorityQueue;

/**
 * A campaign day in virtual time, event by event: every tick the production pacing decides how many
 * calls to place; the simulated network decides what each call does; a person who answers gets an
 * agent if one is free within 2 s (the US rule), else the call is abandoned. Deterministic per seed.
 */
final class PacingSimulation {
    static final double GRACE_SECONDS = 2.0;

    record Result(int capacity, String mode, double occupancy, double abandonRate, long placed, long answered,
            long abandoned) {
    }

    private record Event(double at, Kind kind, CallScenario call) {
        enum Kind {
            RING_END, HANG_UP
        }
    }

    static Result run(int capacity, double ratio, PhoneNetworkModel network, double tickSeconds, double hours, String mode) {
        return run(capacity, PacingMode.MANUAL, ratio, network, tickSeconds, hours, mode);
    }

    static Result run(int capacity, PacingMode pacing, double ratio, PhoneNetworkModel network, double tickSeconds, double hours,
            String mode) {
        PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> Double.compare(a.at(), b.at()));
        Deque<Waiting> waiting = new ArrayDeque<>(); // answered calls waiting for an agent, oldest first
        DamperSettings settings = DamperSettings.defaults();
        PacingState state = PacingState.initial(ratio, 0, 0);
        double end = hours * 3600;
        double busySeconds = 0;
        double last = 0;
        int connected = 0;
        int ringing = 0;
        long placed = 0;
        long answered = 0;
        long abandoned = 0;
        for (double now = 0; now < end; now += tickSeconds) {
            while (!events.isEmpty() && events.peek().at() <= now) {
                Event event = events.poll();
                busySeconds += connected * (event.at() - last);
                last = event.at();
                abandoned += expire(waiting, event.at());
                if (event.kind() == Event.Kind.RING_END) {
                    ringing--;
                    if (event.call().outcome() == CallOutcome.COMPLETED) {
                        answered++;
                        if (connected < capacity) {
                            connected++;
                            events.add(new Event(event.at() + seconds(event.call().talk()), Event.Kind.HANG_UP, event.call()));
                        } else {
                            waiting.add(new Waiting(event.at() + GRACE_SECONDS, event.call()));
                        }
                    }
                } else {
                    connected--;
                    if (!waiting.isEmpty()) { // the longest-waiting caller takes the agent at once
                        CallScenario caller = waiting.poll().call();
                        connected++;
                        events.add(new Event(event.at() + seconds(caller.talk()), Event.Kind.HANG_UP, caller));
                    }
                }
            }
            busySeconds += connected * (now - last);
            last = now;
            abandoned += expire(waiting, now);
            Pacer.Decision decision = Pacer.decide(new Pacer.Inputs(pacing, ratio, 5.0, settings,
                    new Capacity(capacity, Integer.MAX_VALUE, capacity - connected, connected, ringing, 1000, 1000), answered,
                    abandoned, 0), state);
            state = decision.next();
            int toPlace = decision.calls();
            for (int i = 0; i < toPlace; i++) {
                CallScenario call = network.next();
                placed++;
                ringing++;
                events.add(new Event(now + seconds(call.ring()), Event.Kind.RING_END, call));
            }
        }
        return new Result(capacity, mode, busySeconds / (capacity * end), answered == 0 ? 0 : (double) abandoned / answered,
                placed, answered, abandoned);
    }

    private record Waiting(double deadline, CallScenario call) {
    }

    private static int expire(Deque<Waiting> waiting, double now) {
        int expired = 0;
        while (!waiting.isEmpty() && waiting.peek().deadline() < now) {
            waiting.poll();
            expired++;
        }
        return expired;
    }

    private static double seconds(java.time.Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
