package io.vaani.agent.call;

import io.vaani.agent.job.AgentJob;
import io.vaani.agent.job.JobContext;
import io.vaani.agent.job.JobHandler;
import io.vaani.agent.room.AudioOutput;
import io.vaani.agent.room.RemoteParticipant;
import io.vaani.agent.room.Room;
import io.vaani.agent.room.RoomMedia;
import io.vaani.agent.room.RoomOptions;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs a job as a call: joins the job's room with LiveKit's token, waits for the caller's audio,
 * publishes the agent's microphone and hands the call to the conversation. Leaving the room (at
 * the end, on failure or when the job is ended) is what hangs the agent up.
 */
public final class RoomJobHandler implements JobHandler {
    private static final Logger LOG = Logger.getLogger(RoomJobHandler.class);
    /**
     * The rate of the agent's microphone track: the rate the agent asks of TTS, so speech goes out as
     * it comes, and libwebrtc's vectorised resampler (not ours) brings it to Opus' 48 kHz. A phone
     * line carries 8 or 16 kHz: nothing audible is lost.
     */
    public static final int MICROPHONE_RATE = 24_000;

    private final Supplier<RoomMedia> media;
    private final Duration joinTimeout;
    private final Conversation conversation;

    public RoomJobHandler(Supplier<RoomMedia> media, Duration joinTimeout, Conversation conversation) {
        this.media = media;
        this.joinTimeout = joinTimeout;
        this.conversation = conversation;
    }

    @Override
    public void run(JobContext context) throws Exception {
        AgentJob job = context.job();
        try (Room room = Room.connect(media.get(), job.url(), job.token(), new RoomOptions(joinTimeout, joinTimeout))) {
            room.setAttributes(Map.of("lk.agent.state", Call.AgentState.INITIALIZING.attribute()));
            RemoteParticipant caller = room.awaitCaller(joinTimeout).orElseThrow(() -> new IllegalStateException(
                    "no caller with audio in room " + job.roomName() + " within " + joinTimeout.toSeconds() + " s"));
            AudioOutput microphone = room.publishMicrophone(MICROPHONE_RATE);
            LOG.debugf("job %s: in room %s with %s", job.id(), job.roomName(), caller.identity());
            conversation.run(new Call(job, room, caller, microphone, context.ending()));
        }
    }
}
