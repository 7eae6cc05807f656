package io.vaani.agent.job;

/**
 * What the worker does with an assigned job. {@link #run} is called on the job's own virtual thread
 * and returns when the call is over; an exception fails that job only. When LiveKit terminates the
 * job, or the drain grace runs out, {@link JobContext#ending()} completes and the thread is interrupted.
 */
@FunctionalInterface
public interface JobHandler {
    void run(JobContext context) throws Exception;
}
