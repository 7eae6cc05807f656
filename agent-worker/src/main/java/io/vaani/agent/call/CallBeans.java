package io.vaani.agent.call;

import io.vaani.agent.config.WorkerConfig;
import io.vaani.agent.job.JobHandler;
import io.vaani.agent.room.RoomMedia;
import io.vaani.agent.voice.VoiceAgent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The job handler of the process, and the WebRTC media every room shares, created on the first
 * call (a worker without LiveKit never loads libwebrtc) and closed when the application stops,
 * after the worker has drained.
 */
@Singleton
public class CallBeans {
    private RoomMedia media;

    @Produces
    @Singleton
    JobHandler jobHandler(WorkerConfig config, VoiceAgent agent) {
        return new RoomJobHandler(this::media, config.joinTimeout(), agent);
    }

    private synchronized RoomMedia media() {
        if (media == null) {
            media = new RoomMedia();
        }
        return media;
    }

    @PreDestroy
    synchronized void close() {
        if (media != null) {
            media.close();
        }
    }
}
