package io.vaani.agent.room;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioLayer;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import java.net.http.HttpClient;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What all rooms of a process share: the webrtc-java factories, the pacer of outgoing audio, the
 * signal websocket client and a timer thread. Create one per process and close it last.
 *
 * <p>There are two factories, one per direction, because libwebrtc 0.14's headless device module
 * starts its own capture thread as soon as a factory has a sending audio stream, and that thread
 * feeds every sending stream of the factory at the same time as our pushed audio: a data race that
 * aborts the process. LiveKit's two peer connections per participant map onto this: publishers (we
 * send) come from a factory whose device module cannot record, subscribers (we receive) from one
 * whose headless playout pulls, decodes and hands remote audio to track sinks.
 */
public final class RoomMedia implements AutoCloseable {

    private final AudioDeviceModule sendingDevice;
    private final HeadlessAudioDeviceModule receivingDevice;
    private final PeerConnectionFactory sendingFactory;
    private final PeerConnectionFactory receivingFactory;
    private final AudioPacer pacer;
    private final HttpClient http;
    private final ScheduledExecutorService timers;

    public RoomMedia() {
        sendingDevice = new AudioDeviceModule(AudioLayer.kDummyAudio);
        receivingDevice = new HeadlessAudioDeviceModule();
        sendingFactory = new PeerConnectionFactory(sendingDevice);
        receivingFactory = new PeerConnectionFactory(receivingDevice);
        pacer = new AudioPacer();
        http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("room-timers").daemon().factory());
    }

    PeerConnectionFactory sendingFactory() {
        return sendingFactory;
    }

    PeerConnectionFactory receivingFactory() {
        return receivingFactory;
    }

    AudioPacer pacer() {
        return pacer;
    }

    /** Times outgoing audio was cut because the process could not feed the microphones in time (a long pause, an overloaded CPU). */
    public long audioOutputSkips() {
        return pacer.skips();
    }

    HttpClient http() {
        return http;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    /** Closes the shared objects; close every room first. */
    @Override
    public void close() {
        pacer.close();
        timers.shutdownNow();
        http.close();
        disposeQuietly(sendingFactory::dispose);
        disposeQuietly(receivingFactory::dispose);
        disposeQuietly(sendingDevice::dispose);
        disposeQuietly(receivingDevice::dispose);
    }

    private static void disposeQuietly(Runnable dispose) {
        try {
            dispose.run();
        } catch (Error e) {
            // webrtc-java 0.14 keeps a reference to each closed peer connection, so the factory outlives
            // its last dispose; the process is ending anyway.
        }
    }
}
