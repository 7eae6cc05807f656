package io.vaani.contracts.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vaani.contracts.domain.CallOutcome;
import io.vaani.contracts.domain.ProspectStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryRulesTest {
    static final Duration LOCKOUT = Duration.ofHours(72);

    @Test
    void defaultsAreACallCentresChoice() {
        RetryRules rules = RetryRules.defaults();
        assertThat(rules.next(CallOutcome.NO_ANSWER, 1, 10, LOCKOUT)).isEqualTo(new RetryRules.Retry(Duration.ofHours(2)));
        assertThat(rules.next(CallOutcome.BUSY, 1, 10, LOCKOUT)).isEqualTo(new RetryRules.Retry(Duration.ofMinutes(15)));
        assertThat(rules.next(CallOutcome.NO_ANSWER, 3, 10, LOCKOUT)).isEqualTo(new RetryRules.Final(ProspectStatus.DONE));
    }

    @Test
    void theCampaignsAttemptLimitBindsEveryOutcome() {
        assertThat(RetryRules.defaults().next(CallOutcome.NO_ANSWER, 2, 2, LOCKOUT)).isEqualTo(new RetryRules.Final(ProspectStatus.DONE));
    }

    @Test
    void anAbandonedCalleeWaitsOutTheLockout() {
        assertThat(RetryRules.defaults().next(CallOutcome.ABANDONED, 1, 3, LOCKOUT)).isEqualTo(new RetryRules.Retry(LOCKOUT));
        assertThat(RetryRules.defaults().next(CallOutcome.ABANDONED, 1, 3, Duration.ZERO))
                .isEqualTo(new RetryRules.Retry(Duration.ofHours(1)));
    }

    @Test
    void finalOutcomesSetTheirStatus() {
        RetryRules rules = RetryRules.defaults();
        assertThat(rules.next(CallOutcome.COMPLETED, 1, 3, LOCKOUT)).isEqualTo(new RetryRules.Final(ProspectStatus.COMPLETED));
        assertThat(rules.next(CallOutcome.TRANSFERRED, 1, 3, LOCKOUT)).isEqualTo(new RetryRules.Final(ProspectStatus.COMPLETED));
        assertThat(rules.next(CallOutcome.DNC, 1, 3, LOCKOUT)).isEqualTo(new RetryRules.Final(ProspectStatus.DNC));
        assertThat(rules.next(CallOutcome.INVALID_NUMBER, 1, 3, LOCKOUT)).isEqualTo(new RetryRules.Final(ProspectStatus.DONE));
    }

    @Test
    void aCampaignOverridesSomeRulesAndKeepsTheOtherDefaults() {
        RetryRules rules = RetryRules.parse("{\"NO_ANSWER\":{\"delaySeconds\":600,\"maxAttempts\":5},\"BUSY\":{\"maxAttempts\":1}}");
        assertThat(rules.rule(CallOutcome.NO_ANSWER)).isEqualTo(new RetryRules.Rule(Duration.ofMinutes(10), 5));
        assertThat(rules.rule(CallOutcome.BUSY)).isEqualTo(new RetryRules.Rule(Duration.ofMinutes(15), 1));
        assertThat(rules.rule(CallOutcome.VOICEMAIL)).isEqualTo(RetryRules.DEFAULTS.get(CallOutcome.VOICEMAIL));
        assertThat(RetryRules.parse("{}").rule(CallOutcome.FAILED)).isEqualTo(RetryRules.DEFAULTS.get(CallOutcome.FAILED));
    }

    @ParameterizedTest
    @ValueSource(strings = { "[]", "{\"COMPLETED\":{}}", "{\"SOMETHING\":{}}", "{\"BUSY\":3}", "{\"BUSY\":{\"delaySeconds\":-1}}",
            "{\"BUSY\":{\"maxAttempts\":0}}", "{\"BUSY\":{\"maxAttempts\":1.5}}", "{\"BUSY\":{\"delaySeconds\":\"1h\"}}", "{" })
    void badRulesAreRefusedNamingTheField(String json) {
        assertThatThrownBy(() -> RetryRules.parse(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retry_rules");
    }
}
