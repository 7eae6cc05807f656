package io.vaani.agent.room;

/** A sink receiving a participant's audio; closing it stops the delivery and waits for the frame being delivered. */
public interface AudioSubscription extends AutoCloseable {

    /** Frames dropped because the sink fell more than a couple of seconds behind. */
    long droppedFrames();

    @Override
    void close();
}
