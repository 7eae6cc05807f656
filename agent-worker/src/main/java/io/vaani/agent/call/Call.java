package io.vaani.agent.call;

import io.vaani.agent.job.AgentJob;
import io.vaani.agent.room.AudioOutput;
import io.vaani.agent.room.RemoteParticipant;
import io.vaani.agent.room.Room;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A call the agent is in: the job that brought it, the room with the caller already subscribed,
 * the agent's published microphone, and the signal that the job must end now (LiveKit terminated
 * it, or the worker's drain grace ran out).
 */
public record Call(AgentJob job, Room room, RemoteParticipant caller, AudioOutput microphone, CompletableFuture<String> ending) {

    /** The agent's state as LiveKit agents show it to other participants ({@code lk.agent.state}). */
    public enum AgentState {
        INITIALIZING, LISTENING, THINKING, SPEAKING;

        public String attribute() {
            return name().toLowerCase();
        }
    }

    public void state(AgentState state) {
        room.setAttributes(Map.of("lk.agent.state", state.attribute()));
    }
}
