package io.vaani.scheduler.outcome;

import io.vaani.contracts.domain.CallOutcome;
import io.vaani.contracts.domain.ProspectStatus;
import io.vaani.contracts.outcome.RetryRules;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What becomes of a prospect after a call: its status and the earliest time it may be dialed
 * again. A pure function of the outcome, the campaign's rules and what the callee asked for.
 */
public record NextStep(ProspectStatus status, Instant notBefore) {
    /** A callee who wants a callback but named no time (the request may still come) is called again after this. */
    public static final Duration CALLBACK_WITHOUT_TIME = Duration.ofHours(1);

    /** The facts the step depends on. */
    public record Facts(CallOutcome outcome, int attempts, Instant endedAt, Optional<Instant> callbackDue,
            boolean onDoNotCall, boolean batchCancelled) {
    }

    /**
     * In order: a number on a do-not-call list (or an opt-out) is never called again; a callback
     * the callee asked for wins over every other outcome; a cancelled batch job dials no more;
     * otherwise the campaign's retry rules decide.
     */
    public static NextStep after(Facts facts, ProspectRules rules) {
        if (facts.onDoNotCall() || facts.outcome() == CallOutcome.DNC) {
            return new NextStep(ProspectStatus.DNC, facts.endedAt());
        }
        if (facts.callbackDue().isPresent()) {
            return new NextStep(ProspectStatus.CALLBACK, facts.callbackDue().get());
        }
        if (facts.batchCancelled()) {
            return new NextStep(ProspectStatus.DONE, facts.endedAt());
        }
        if (facts.outcome() == CallOutcome.CALLBACK) {
            return new NextStep(ProspectStatus.CALLBACK, facts.endedAt().plus(CALLBACK_WITHOUT_TIME));
        }
        return switch (rules.retry().next(facts.outcome(), facts.attempts(), rules.maxAttempts(), rules.abandonLockout())) {
            case RetryRules.Retry retry -> new NextStep(ProspectStatus.RETRY_WAIT, facts.endedAt().plus(retry.delay()));
            case RetryRules.Final done -> new NextStep(done.status(), facts.endedAt());
        };
    }

    public boolean terminal() {
        return status.terminal();
    }
}
