package io.vaani.agent.voice.bench;

import static org.awaitility.Awaitility.await;

import io.vaani.agent.audio.AudioFrame;
import io.vaani.agent.job.CallMetadata;
import io.vaani.agent.livekit.AgentDispatcherStandIn;
import io.vaani.agent.livekit.AgentDispatcherStandIn.Dispatch;
import io.vaani.agent.livekit.LiveKitStandIn;
import io.vaani.agent.livekit.SpeechWav;
import io.vaani.agent.livekit.StandInRoom;
import io.vaani.agent.livekit.StandInSession;
import io.vaani.contracts.agent.AgentJobMetadata.Mode;
import io.vaani.contracts.agent.AgentProfile;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import livekit.LivekitAgent.JobStatus;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One call's dialogue from the callee's side: the agent is dispatched, says its first message, the
 * callee says {@link SpeechWav#SENTENCE}, the agent answers it (the development model repeats what it
 * heard: "I heard: ..."), the callee hangs up and the job ends well. Any step not done in time fails the call.
 */
final class ScriptedCall {
    static final String FIRST_MESSAGE = "Hello {{first_name}}, this is Vaani from Acme. Is this a good time to talk?";
    static final String GREETING = "Hello Ada, this is Vaani from Acme. Is this a good time to talk?";
    static final String ANSWER_START = "I heard:";
    private static final Duration STEP = Duration.ofSeconds(30);

    /** completed, or the step that was not done in time. */
    record Outcome(boolean completed, String failure) {
    }

    /** The agent the bench measures: local model, Deepgram's protocol for STT, espeak-ng for TTS. */
    static AgentProfile profile() {
        return new AgentProfile("Bench", "You are Vaani from Acme, calling {{first_name}} about the policy renewal.", FIRST_MESSAGE,
                "en-US", new AgentProfile.Model("local", "scripted"), new AgentProfile.Model("deepgram", "nova-3"),
                new AgentProfile.Voice("local", null, null), new AgentProfile.Tools(true, true, true, null, List.of()),
                AgentProfile.VoicemailAction.HANG_UP, null, 120);
    }

    static Outcome run(LiveKitStandIn livekit, AgentDispatcherStandIn dispatcher, long callLogId) {
        StandInRoom room = livekit.createRoom("bench-" + callLogId).callerOpens(new AudioFrame(new short[0], 16_000));
        try {
            Dispatch dispatch = dispatcher.dispatch(room.name(), CallMetadata.json(callLogId, Mode.CONVERSATION, profile()));
            if (!dispatch.assigned()) {
                return new Outcome(false, "not assigned");
            }
            step("join", () -> !room.sessions().isEmpty());
            StandInSession session = room.sessions().getFirst();
            step("greeting", () -> said(session, GREETING));
            step("callee speaks", () -> session.callerSays(SpeechWav.caller()));
            step("answer", () -> session.transcripts().stream().anyMatch(t -> t.isFinal() && t.text().startsWith(ANSWER_START)));
            room.callerLeaves();
            step("job end", () -> dispatcher.jobUpdates(dispatch.job().getId()).stream()
                    .anyMatch(update -> update.getStatus() == JobStatus.JS_SUCCESS));
            return new Outcome(true, null);
        } catch (StepMissed missed) {
            room.callerLeaves();
            return new Outcome(false, missed.getMessage());
        } catch (Exception e) {
            room.callerLeaves();
            return new Outcome(false, e.toString());
        }
    }

    private static boolean said(StandInSession session, String text) {
        return session.transcripts().stream().anyMatch(t -> t.isFinal() && t.text().equals(text));
    }

    private static void step(String name, Callable<Boolean> done) {
        try {
            await().atMost(STEP).pollInterval(Duration.ofMillis(50)).until(done);
        } catch (ConditionTimeoutException e) {
            throw new StepMissed("no " + name + " within " + STEP.toSeconds() + " s");
        }
    }

    private static final class StepMissed extends RuntimeException {
        StepMissed(String message) {
            super(message, null, false, false);
        }
    }

    private ScriptedCall() {
    }
}
