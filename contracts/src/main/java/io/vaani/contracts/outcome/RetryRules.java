package io.vaani.contracts.outcome;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaani.contracts.domain.CallOutcome;
import io.vaani.contracts.domain.ProspectStatus;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;

/**
 * What a prospect does after a call: a campaign's {@code retry_rules} over the defaults a call
 * centre would choose. Retryable outcomes wait for their delay while attempts remain (the rule's
 * and the campaign's); an abandoned callee is not called again within the campaign's lockout.
 * Everything else is final.
 */
public final class RetryRules {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A retryable outcome's delay before the next attempt, and the attempts it allows in all. */
    public record Rule(Duration delay, int maxAttempts) {
        public Rule {
            if (delay.isNegative() || maxAttempts < 1 || maxAttempts > 50) {
                throw new IllegalArgumentException("a retry rule needs a delay >= 0 and 1..50 attempts");
            }
        }
    }

    /** The prospect's next state: back to the pool after a delay, or done with a final status. */
    public sealed interface NextStep {
    }

    public record Retry(Duration delay) implements NextStep {
    }

    public record Final(ProspectStatus status) implements NextStep {
    }

    public static final Map<CallOutcome, Rule> DEFAULTS = Collections.unmodifiableMap(new EnumMap<>(Map.of(
            CallOutcome.NO_ANSWER, new Rule(Duration.ofHours(2), 3),
            CallOutcome.BUSY, new Rule(Duration.ofMinutes(15), 3),
            CallOutcome.FAILED, new Rule(Duration.ofMinutes(30), 3),
            CallOutcome.VOICEMAIL, new Rule(Duration.ofHours(4), 2),
            CallOutcome.ABANDONED, new Rule(Duration.ofHours(1), 2))));

    private final Map<CallOutcome, Rule> rules;

    private RetryRules(Map<CallOutcome, Rule> rules) {
        this.rules = rules;
    }

    public static RetryRules defaults() {
        return new RetryRules(DEFAULTS);
    }

    /**
     * Parses {@code {"NO_ANSWER":{"delaySeconds":7200,"maxAttempts":3},...}}; outcomes it leaves
     * out keep their defaults. Throws {@link IllegalArgumentException} naming the offending field.
     */
    public static RetryRules parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json == null || json.isBlank() ? "{}" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("retry_rules is not valid JSON: " + e.getOriginalMessage());
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("retry_rules must be an object keyed by outcome");
        }
        Map<CallOutcome, Rule> rules = new EnumMap<>(DEFAULTS);
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            CallOutcome outcome = retryable(field.getKey());
            JsonNode rule = field.getValue();
            Rule fallback = DEFAULTS.get(outcome);
            long delay = number(rule, "delaySeconds", fallback.delay().toSeconds(), field.getKey());
            long attempts = number(rule, "maxAttempts", fallback.maxAttempts(), field.getKey());
            try {
                rules.put(outcome, new Rule(Duration.ofSeconds(delay), Math.toIntExact(attempts)));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new IllegalArgumentException("retry_rules." + field.getKey() + ": delaySeconds must be >= 0 and "
                        + "maxAttempts between 1 and 50");
            }
        }
        return new RetryRules(Collections.unmodifiableMap(rules));
    }

    public Rule rule(CallOutcome outcome) {
        return rules.get(outcome);
    }

    /**
     * The step after a call that ended with {@code outcome}, the prospect's {@code attempts}-th.
     *
     * @param maxAttempts the campaign's limit on attempts, whatever the outcomes
     * @param abandonLockout the campaign's minimum delay before calling an abandoned callee again
     */
    public NextStep next(CallOutcome outcome, int attempts, int maxAttempts, Duration abandonLockout) {
        Rule rule = rules.get(outcome);
        if (rule == null) {
            return new Final(switch (outcome) {
                case COMPLETED, TRANSFERRED -> ProspectStatus.COMPLETED;
                case DNC -> ProspectStatus.DNC;
                default -> ProspectStatus.DONE;
            });
        }
        if (attempts >= Math.min(rule.maxAttempts(), maxAttempts)) {
            return new Final(ProspectStatus.DONE);
        }
        Duration delay = outcome == CallOutcome.ABANDONED && abandonLockout.compareTo(rule.delay()) > 0 ? abandonLockout : rule.delay();
        return new Retry(delay);
    }

    private static CallOutcome retryable(String name) {
        try {
            CallOutcome outcome = CallOutcome.valueOf(name);
            if (outcome.retryable()) {
                return outcome;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException("retry_rules." + name + ": not a retryable outcome; use one of " + DEFAULTS.keySet());
    }

    private static long number(JsonNode rule, String name, long fallback, String outcome) {
        if (!rule.isObject()) {
            throw new IllegalArgumentException("retry_rules." + outcome + " must be an object");
        }
        JsonNode value = rule.get(name);
        if (value == null) {
            return fallback;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("retry_rules." + outcome + "." + name + " must be a whole number");
        }
        return value.longValue();
    }
}
