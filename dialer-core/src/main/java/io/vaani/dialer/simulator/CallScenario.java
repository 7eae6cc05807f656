package io.vaani.dialer.simulator;

import io.vaani.contracts.domain.CallOutcome;
import java.time.Duration;

/**
 * What the simulated phone network does with one call, decided when it is placed.
 *
 * @param outcome {@link CallOutcome#COMPLETED} when a person answers; otherwise how the call ended
 * @param ring how long until the callee answers, or the call fails
 * @param talk for an answered call, how long the callee stays on the line if an agent takes it
 */
public record CallScenario(CallOutcome outcome, Duration ring, Duration talk) {

    /**
     * Whether the line connects: a person or a voicemail box picks up. Only a person counts as
     * answered for the abandon rate ({@link CallOutcome#answered()}).
     */
    public boolean pickedUp() {
        return outcome == CallOutcome.COMPLETED || outcome == CallOutcome.VOICEMAIL;
    }
}
