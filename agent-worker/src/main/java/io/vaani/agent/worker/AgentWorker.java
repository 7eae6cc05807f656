package io.vaani.agent.worker;

import io.livekit.server.AccessToken;
import io.livekit.server.Agent;
import io.vaani.agent.config.LiveKitConfig;
import io.vaani.agent.config.WorkerConfig;
import io.vaani.agent.job.RunningJobs;
import io.vaani.agent.livekit.LiveKitUrls;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import livekit.LivekitAgent.WorkerStatus;
import org.jboss.logging.Logger;

/**
 * The worker's life: it stays registered with LiveKit (dialling again with backoff when the
 * connection drops, while its jobs run on), reports its load to LiveKit and its slots to the dialer
 * every status interval, and on shutdown drains: it takes no more jobs and lets the running calls
 * finish within the grace period.
 */
public final class AgentWorker {
    private static final Logger LOG = Logger.getLogger(AgentWorker.class);

    private final WorkerConfig config;
    private final LiveKitConfig livekit;
    private final RunningJobs jobs;
    private final SlotBoard slots;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final JobReporter reporter = new JobReporter();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("worker-status").factory());
    private volatile WorkerSession session;
    private volatile boolean stopping;
    private Thread connector;

    public AgentWorker(WorkerConfig config, LiveKitConfig livekit, RunningJobs jobs, SlotBoard slots, Clock clock) {
        this.config = config;
        this.livekit = livekit;
        this.jobs = jobs;
        this.slots = slots;
        this.clock = clock;
    }

    public synchronized void start() {
        if (!livekit.configured()) {
            throw new IllegalStateException("LiveKit is not configured (LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET)");
        }
        if (connector != null) {
            return;
        }
        connector = Thread.ofVirtual().name("worker-connection").start(this::stayConnected);
        timers.scheduleAtFixedRate(this::reportStatus, 0, config.statusInterval().toMillis(), TimeUnit.MILLISECONDS);
        timers.scheduleAtFixedRate(this::ping, config.pingInterval().toMillis(), config.pingInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void stayConnected() {
        URI endpoint = LiveKitUrls.websocket(livekit.url().orElseThrow(), "agent");
        Backoff backoff = new Backoff(config.reconnectMax());
        while (!stopping) {
            try {
                WorkerSession current = WorkerSession.register(http, endpoint, token(), config.name(), livekit.url().orElseThrow(), jobs,
                        reporter, clock, config.registerTimeout());
                session = current;
                backoff.reset();
                reporter.connected(current);
                reportStatus();
                String reason = current.closed().get();
                reporter.disconnected();
                session = null;
                if (!stopping) {
                    LOG.warnf("the connection to LiveKit closed (%s); %d job(s) run on while the worker reconnects", reason, jobs.jobCount());
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                LOG.warnf("could not register with LiveKit at %s: %s", endpoint, e.getCause() == null ? e : e.getCause());
            }
            if (!stopping) {
                try {
                    Thread.sleep(backoff.next());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** A token for the worker connection: the agent grant only. */
    private String token() {
        AccessToken token = new AccessToken(livekit.apiKey().orElseThrow(), livekit.apiSecret().orElseThrow());
        token.addGrants(new Agent(true));
        return token.toJwt();
    }

    private void reportStatus() {
        try {
            WorkerSession current = session;
            if (current != null) {
                current.reportStatus(jobs.full() ? WorkerStatus.WS_FULL : WorkerStatus.WS_AVAILABLE, jobs.load(), jobs.jobCount());
            }
            if (!jobs.draining()) {
                slots.report(current == null ? 0 : jobs.capacity(), clock.instant().plus(config.slotsTtl()));
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not report the worker's status: %s", e.toString());
        }
    }

    private void ping() {
        WorkerSession current = session;
        if (current != null && !current.ping(config.pingInterval())) {
            LOG.warnf("LiveKit answered none of the last pings; dropping the connection");
            current.abort();
        }
    }

    public boolean registered() {
        return session != null;
    }

    /** Stops taking jobs, lets the running ones end (within the drain grace), then leaves LiveKit. */
    public void shutdown() throws InterruptedException {
        LOG.infof("draining: %d job(s) running, up to %s to finish", jobs.jobCount(), config.drainGrace());
        jobs.stopAccepting();
        withdrawSlots();
        reportStatus(); // WS_FULL at once, so that LiveKit sends no more
        jobs.drain(config.drainGrace());
        stopping = true;
        reportStatus();
        timers.shutdownNow();
        WorkerSession current = session;
        if (current != null) {
            current.close();
            try {
                current.closed().get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                current.abort();
            }
        }
        if (connector != null) {
            connector.interrupt();
            connector.join(2000);
        }
        LOG.info("agent worker stopped");
    }

    private void withdrawSlots() {
        try {
            slots.withdraw();
        } catch (RuntimeException e) {
            LOG.warnf("could not withdraw the worker's slots (they expire in %s): %s", config.slotsTtl(), e.toString());
        }
    }
}
