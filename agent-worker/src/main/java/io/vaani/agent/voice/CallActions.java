package io.vaani.agent.voice;

import java.time.LocalDateTime;

/** What the agent's tools do outside the conversation: requests to the scheduler and telephony through LiveKit. */
public interface CallActions {

    /** The callee asked to be called back at this time of theirs; {@code zone} null means the prospect's zone. */
    void scheduleCallback(LocalDateTime localTime, String zone, String note);

    /** The callee asked not to be called again. */
    void optOut();

    /** Moves the callee to this number (SIP REFER); the agent leaves once it succeeds. */
    void transfer(String number) throws Exception;

    /** Ends the call for the callee too (the room is deleted, which hangs up the phone line). */
    void hangUp();
}
