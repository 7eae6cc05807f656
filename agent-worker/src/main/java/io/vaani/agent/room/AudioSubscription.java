package io.vaani.agent.room;

/** A sink receiving a participant's audio; closing it stops the delivery. */
public interface AudioSubscription extends AutoCloseable {

    /** Frames dropped because the sink fell more than a couple of seconds behind. */
    long droppedFrames();

    @Override
    void close();
}
