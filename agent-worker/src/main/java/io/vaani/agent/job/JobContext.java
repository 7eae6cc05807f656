package io.vaani.agent.job;

import java.util.concurrent.CompletableFuture;

/** A running job, and the signal that it must end now (with the reason) although the call may not be over. */
public record JobContext(AgentJob job, CompletableFuture<String> ending) {
}
