package io.vaani.scheduler.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaani.contracts.domain.CallOutcome;
import io.vaani.contracts.domain.ProspectStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NextStepTest {
    static final Instant ENDED = Instant.parse("2026-11-23T15:00:00Z");
    static final ProspectRules DEFAULTS = ProspectRules.of("{}", 5, 72 * 3600);

    static NextStep after(CallOutcome outcome, int attempts, ProspectRules rules) {
        return NextStep.after(new NextStep.Facts(outcome, attempts, ENDED, Optional.empty(), false, false), rules);
    }

    @ParameterizedTest(name = "{0} on attempt {1}: {2} after {3} min")
    @CsvSource({
            "NO_ANSWER, 1, RETRY_WAIT, 120", "NO_ANSWER, 2, RETRY_WAIT, 120", "NO_ANSWER, 3, DONE, 0",
            "BUSY, 1, RETRY_WAIT, 15", "BUSY, 3, DONE, 0",
            "FAILED, 2, RETRY_WAIT, 30", "VOICEMAIL, 1, RETRY_WAIT, 240", "VOICEMAIL, 2, DONE, 0",
            // An abandoned callee is not called again within the campaign's lockout (72 h), whatever the rule's delay.
            "ABANDONED, 1, RETRY_WAIT, 4320", "ABANDONED, 2, DONE, 0",
            "COMPLETED, 1, COMPLETED, 0", "TRANSFERRED, 1, COMPLETED, 0", "INVALID_NUMBER, 1, DONE, 0", "DNC, 1, DNC, 0" })
    void defaultsACallCentreWouldChoose(CallOutcome outcome, int attempts, ProspectStatus status, long minutes) {
        assertThat(after(outcome, attempts, DEFAULTS)).isEqualTo(new NextStep(status, ENDED.plus(Duration.ofMinutes(minutes))));
    }

    @Test
    void theCampaignsAttemptLimitCapsEveryRule() {
        ProspectRules two = ProspectRules.of("{\"NO_ANSWER\":{\"delaySeconds\":60,\"maxAttempts\":9}}", 2, 0);
        assertThat(after(CallOutcome.NO_ANSWER, 1, two)).isEqualTo(new NextStep(ProspectStatus.RETRY_WAIT, ENDED.plusSeconds(60)));
        assertThat(after(CallOutcome.NO_ANSWER, 2, two).status()).isEqualTo(ProspectStatus.DONE);
    }

    @Test
    void aShortLockoutLeavesTheAbandonRuleItsOwnDelay() {
        ProspectRules noLockout = ProspectRules.of("{}", 5, 0);
        assertThat(after(CallOutcome.ABANDONED, 1, noLockout).notBefore()).isEqualTo(ENDED.plus(Duration.ofHours(1)));
    }

    @Test
    void unreadableRulesFallBackToTheDefaults() {
        assertThat(ProspectRules.of("{\"SOMETHING\":1}", 5, 0).retry().rule(CallOutcome.BUSY).delay()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aCallbackTheCalleeAskedForWinsOverTheOutcome() {
        Instant at = ENDED.plus(Duration.ofDays(1));
        for (CallOutcome outcome : new CallOutcome[] { CallOutcome.COMPLETED, CallOutcome.CALLBACK, CallOutcome.NO_ANSWER }) {
            assertThat(NextStep.after(new NextStep.Facts(outcome, 3, ENDED, Optional.of(at), false, false), DEFAULTS))
                    .isEqualTo(new NextStep(ProspectStatus.CALLBACK, at));
        }
    }

    @Test
    void aCallbackOutcomeWithoutATimeIsCalledAgainLater() {
        assertThat(after(CallOutcome.CALLBACK, 1, DEFAULTS))
                .isEqualTo(new NextStep(ProspectStatus.CALLBACK, ENDED.plus(NextStep.CALLBACK_WITHOUT_TIME)));
    }

    @Test
    void doNotCallWinsOverEverything() {
        Optional<Instant> callback = Optional.of(ENDED.plusSeconds(60));
        assertThat(NextStep.after(new NextStep.Facts(CallOutcome.NO_ANSWER, 1, ENDED, callback, true, false), DEFAULTS).status())
                .isEqualTo(ProspectStatus.DNC);
        assertThat(NextStep.after(new NextStep.Facts(CallOutcome.DNC, 1, ENDED, callback, false, false), DEFAULTS).status())
                .isEqualTo(ProspectStatus.DNC);
    }

    @Test
    void aCancelledBatchDialsNoMore() {
        NextStep step = NextStep.after(new NextStep.Facts(CallOutcome.NO_ANSWER, 1, ENDED, Optional.empty(), false, true), DEFAULTS);
        assertThat(step.status()).isEqualTo(ProspectStatus.DONE);
        assertThat(step.terminal()).isTrue();
    }
}
