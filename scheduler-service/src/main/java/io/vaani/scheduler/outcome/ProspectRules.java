package io.vaani.scheduler.outcome;

import io.vaani.contracts.outcome.RetryRules;
import java.time.Duration;

/** The campaign settings a prospect's next step depends on. */
public record ProspectRules(RetryRules retry, int maxAttempts, Duration abandonLockout) {

    /** Rules the API let through but this version cannot read fall back to the defaults rather than stall the prospect. */
    public static ProspectRules of(String retryRulesJson, int maxAttempts, int abandonLockoutSeconds) {
        RetryRules retry;
        try {
            retry = RetryRules.parse(retryRulesJson);
        } catch (IllegalArgumentException e) {
            retry = RetryRules.defaults();
        }
        return new ProspectRules(retry, maxAttempts, Duration.ofSeconds(abandonLockoutSeconds));
    }
}
