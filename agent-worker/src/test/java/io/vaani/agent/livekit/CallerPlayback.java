package io.vaani.agent.livekit;

import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import io.vaani.agent.audio.AudioFrame;
import io.vaani.agent.audio.PcmBytes;

/** The caller's microphone: the speech once, 10 ms per tick, then silence as an open phone line. */
final class CallerPlayback implements StandInPacer.Paced {

    private final CustomAudioSource source;
    private final short[] speech;
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
