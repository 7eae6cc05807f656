package io.vaani.agent.worker;

import io.vaani.agent.job.AgentJob;
import io.vaani.agent.job.JobEvents;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import livekit.LivekitAgent.JobStatus;
import livekit.LivekitAgent.UpdateJobStatus;
import org.jboss.logging.Logger;

/**
 * Tells LiveKit how jobs go (RUNNING, then SUCCESS or FAILED). A job may end while the worker is
 * between connections: its report waits and goes out once the worker has registered again.
 */
final class JobReporter implements JobEvents {
    private static final Logger LOG = Logger.getLogger(JobReporter.class);
    /** Reports kept while disconnected; far more than a worker's jobs, so only a long outage loses any. */
    private static final int MAX_WAITING = 1000;

    private final Deque<UpdateJobStatus> waiting = new ArrayDeque<>();
    private WorkerSession session;

    @Override
    public void started(AgentJob job) {
        report(UpdateJobStatus.newBuilder().setJobId(job.id()).setStatus(JobStatus.JS_RUNNING).build());
    }

    @Override
    public void ended(AgentJob job, Throwable failure) {
        UpdateJobStatus.Builder update = UpdateJobStatus.newBuilder().setJobId(job.id());
        if (failure == null) {
            update.setStatus(JobStatus.JS_SUCCESS);
        } else {
            update.setStatus(JobStatus.JS_FAILED).setError(String.valueOf(failure.getMessage()));
        }
        report(update.build());
    }

    synchronized void report(UpdateJobStatus update) {
        if (session != null && session.closed().isDone()) {
            session = null;
        }
        if (session == null) {
            if (waiting.size() == MAX_WAITING) {
                LOG.warnf("dropped the report of job %s: too many waiting for LiveKit", waiting.removeFirst().getJobId());
            }
            waiting.addLast(update);
            return;
        }
        send(update);
    }

    private void send(UpdateJobStatus update) {
        session.reportJob(update).exceptionally(e -> {
            waitAgain(update);
            return null;
        });
    }

    private synchronized void waitAgain(UpdateJobStatus update) {
        waiting.addLast(update);
    }

    /** The worker registered again: the waiting reports go out first, in order. */
    synchronized void connected(WorkerSession current) {
        session = current;
        List<UpdateJobStatus> due = List.copyOf(waiting);
        waiting.clear();
        due.forEach(this::send);
    }

    synchronized void disconnected() {
        session = null;
    }
}
