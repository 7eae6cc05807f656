package io.vaani.dialer.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaani.contracts.domain.CallOutcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SipOutcomesTest {

    @ParameterizedTest(name = "SIP {0} -> {1}")
    @CsvSource({
            "486, BUSY", "600, BUSY", "603, BUSY",
            "480, NO_ANSWER", "408, NO_ANSWER", "487, NO_ANSWER",
            "404, INVALID_NUMBER", "410, INVALID_NUMBER", "484, INVALID_NUMBER", "604, INVALID_NUMBER",
            // The trunk's or the network's trouble, not the callee's answer.
            "403, FAILED", "488, FAILED", "500, FAILED", "503, FAILED", "606, FAILED"})
    void finalResponsesBecomeOutcomes(int status, CallOutcome outcome) {
        assertThat(SipOutcomes.outcome(status)).isEqualTo(outcome);
    }
}
