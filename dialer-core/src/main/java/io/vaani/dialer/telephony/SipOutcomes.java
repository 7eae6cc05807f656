package io.vaani.dialer.telephony;

import io.vaani.contracts.domain.CallOutcome;

/** SIP final responses (RFC 3261 §21) as call outcomes. */
public final class SipOutcomes {
    private SipOutcomes() {
    }

    public static CallOutcome outcome(int status) {
        return switch (status) {
            // Busy Here, Busy Everywhere, Decline (the callee rejected the call).
            case 486, 600, 603 -> CallOutcome.BUSY;
            // Temporarily Unavailable, Request Timeout, Request Terminated (ring timeout).
            case 480, 408, 487 -> CallOutcome.NO_ANSWER;
            // Not Found, Gone, Address Incomplete, Does Not Exist Anywhere.
            case 404, 410, 484, 604 -> CallOutcome.INVALID_NUMBER;
            // Anything else, e.g. 488 Not Acceptable Here (no common media), 503 or 403 from the trunk.
            default -> CallOutcome.FAILED;
        };
    }
}
