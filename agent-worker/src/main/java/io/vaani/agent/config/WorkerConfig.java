package io.vaani.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** agent-worker's settings ({@code vaani.agent.*}). */
@ConfigMapping(prefix = "vaani.agent")
public interface WorkerConfig {

    /** Whether the worker registers with LiveKit at start (off for tests that drive the parts by hand). */
    @WithDefault("true")
    boolean enabled();

    /** The agent name this worker registers as; campaigns' agents dispatch to it ({@code agents.livekit_agent_name}). */
    @WithDefault("vaani-agent")
    String name();

    /** Conversations this process runs at once; beyond it the worker declines jobs and reports itself full. */
    @WithDefault("8")
    int maxJobs();

    /** How often the worker reports its load to LiveKit and its slots to Redis (LiveKit agents use 2.5 s). */
    @WithDefault("2.5s")
    Duration statusInterval();

    /** How long a slot report stays valid in Redis: a few status intervals, so a dead worker's slots vanish quickly. */
    @WithDefault("10s")
    Duration slotsTtl();

    /** Time LiveKit has to answer the registration before the worker gives up on that connection. */
    @WithDefault("10s")
    Duration registerTimeout();

    /** Interval of the worker's pings; a connection that returns no pong for three of them is dropped and dialled again. */
    @WithDefault("10s")
    Duration pingInterval();

    /** Longest wait between two connection attempts (the backoff doubles from 500 ms up to it). */
    @WithDefault("10s")
    Duration reconnectMax();

    /** On shutdown, how long running calls may go on before they are ended. Keep it below the pod's termination grace period. */
    @WithDefault("14m")
    Duration drainGrace();

    /** How long a job may take to join its room and find the caller. */
    @WithDefault("15s")
    Duration joinTimeout();

    /** How the agent takes turns in a conversation ({@code vaani.agent.voice.*}). */
    Voice voice();

    interface Voice {
        /** Caller speech longer than this while the agent talks stops the agent (barge-in). */
        @WithDefault("0.5s")
        Duration minInterruption();

        /** After a barge-in, words must come within this time; if none do, the agent resumes what it was saying. */
        @WithDefault("2s")
        Duration falseInterruptionTimeout();

        /** Wait after the caller's speech ends before answering, so that a short pause does not cut them off. */
        @WithDefault("0.5s")
        Duration minEndpointingDelay();

        /** Longest wait for the final transcript of an utterance before answering with what was heard. */
        @WithDefault("3s")
        Duration maxEndpointingDelay();

        /** Silence from the caller after which the agent asks whether they are still there. */
        @WithDefault("12s")
        Duration silencePrompt();

        /** Silence prompts without an answer before the agent hangs up. */
        @WithDefault("2")
        int silencePrompts();

        /** What the agent says when the caller is silent; in the agent's language ideally, so override per deployment. */
        @WithDefault("Are you still there?")
        String silencePromptText();
    }
}
