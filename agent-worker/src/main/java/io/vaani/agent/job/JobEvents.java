package io.vaani.agent.job;

/** Where a job's life is reported: LiveKit learns through the worker connection that it runs and how it ended. */
public interface JobEvents {
    void started(AgentJob job);

    /** {@code failure} is null when the job ended well (the call ended, or LiveKit or the drain ended it). */
    void ended(AgentJob job, Throwable failure);
}
