package io.vaani.agent.livekit;

import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import io.vaani.agent.audio.AudioFrame;
import io.vaani.agent.audio.PcmBytes;

/**
 * The caller's microphone: its speech 10 ms per tick, silence as an open phone line in between;
 * a test makes the caller say more with {@link #say}.
 */
final class CallerPlayback implements StandInPacer.Paced {

    private final CustomAudioSource source;
    private short[] speech;
    private final int rate;
    private final int perTick;
    private final short[] tick;
    private final byte[] bytes;
    private int position;
    private volatile boolean stopped;
    private volatile long startedNanos;

    CallerPlayback(CustomAudioSource source, AudioFrame speech) {
        this.source = source;
        this.speech = speech.samples();
        this.rate = speech.sampleRate();
        this.perTick = rate / 100;
        this.tick = new short[perTick];
        this.bytes = new byte[perTick * 2];
    }

    long startedNanos() {
        return startedNanos;
    }

    void stop() {
        stopped = true;
    }

    /** Queues more speech (at the playback's rate) after what is still to play. */
    synchronized void say(short[] more) {
        short[] rest = java.util.Arrays.copyOfRange(speech, Math.min(position, speech.length), speech.length);
        speech = java.util.Arrays.copyOf(rest, rest.length + more.length);
        System.arraycopy(more, 0, speech, rest.length, more.length);
        position = 0;
    }

    /** Whether everything queued has been played. */
    synchronized boolean done() {
        return position >= speech.length;
    }

    @Override
    public synchronized void tick() {
        if (stopped) {
            return;
        }
        if (startedNanos == 0) {
            startedNanos = System.nanoTime();
        }
        int count = Math.max(0, Math.min(perTick, speech.length - position));
        System.arraycopy(speech, position, tick, 0, count);
        java.util.Arrays.fill(tick, count, perTick, (short) 0);
        position += count;
        PcmBytes.toBytes(tick, 0, perTick, bytes);
        source.pushAudio(bytes, 16, rate, 1, perTick);
    }
}
