package io.vaani.api.problem;

import jakarta.ws.rs.core.Response.Status;
import java.time.Duration;
import java.util.List;

/** An error the caller can act on; becomes a problem+json response with its status. */
public class ProblemException extends RuntimeException {
    private final int status;
    private final List<Problem.FieldError> errors;
    private final Duration retryAfter;

    private ProblemException(int status, String detail, List<Problem.FieldError> errors, Duration retryAfter) {
        super(detail, null, false, false);
        this.status = status;
        this.errors = errors;
        this.retryAfter = retryAfter;
    }

    public static ProblemException of(Status status, String detail) {
        return new ProblemException(status.getStatusCode(), detail, List.of(), null);
    }

    /** A field of the body or a query parameter is invalid. */
    public static ProblemException invalid(String field, String message) {
        return new ProblemException(400, field + ": " + message, List.of(new Problem.FieldError(field, message)), null);
    }

    /** A field is invalid, and so are the listed parts of it (lines of a file, say). */
    public static ProblemException invalid(String field, String message, List<Problem.FieldError> details) {
        List<Problem.FieldError> errors = new java.util.ArrayList<>();
        errors.add(new Problem.FieldError(field, message));
        errors.addAll(details);
        return new ProblemException(400, field + ": " + message, List.copyOf(errors), null);
    }

    /** The resource does not exist, or exists in a workspace the caller may not see: the same answer for both. */
    public static ProblemException notFound(String what) {
        return of(Status.NOT_FOUND, what + " not found");
    }

    public static ProblemException forbidden(String detail) {
        return of(Status.FORBIDDEN, detail);
    }

    public static ProblemException conflict(String detail) {
        return of(Status.CONFLICT, detail);
    }

    /** A conflict caused by one field's value, such as a slug already taken. */
    public static ProblemException conflict(String field, String message) {
        return new ProblemException(409, field + ": " + message, List.of(new Problem.FieldError(field, message)), null);
    }

    public static ProblemException unauthorized(String detail) {
        return of(Status.UNAUTHORIZED, detail);
    }

    public static ProblemException tooManyRequests(Duration retryAfter) {
        return new ProblemException(429, "rate limit of this API key exceeded; retry after " + seconds(retryAfter) + " s",
                List.of(), retryAfter);
    }

    public int status() {
        return status;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    /** Whole seconds to wait before retrying (429), rounded up; null otherwise. */
    public Long retryAfterSeconds() {
        return retryAfter == null ? null : seconds(retryAfter);
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
