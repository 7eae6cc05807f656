package io.vaani.agent.provider.tts;

import io.vaani.agent.audio.AudioFrame;
import io.vaani.agent.provider.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What a TTS session told its listener, in order: audio frames, DONE and errors. */
public final class RecordingListener implements TtsListener {

    public sealed interface Event permits Audio, Done, Failed {
    }

    public record Audio(AudioFrame frame) implements Event {
    }

    public record Done() implements Event {
    }

    public record Failed(ProviderException error) implements Event {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void onAudio(AudioFrame frame) {
        events.add(new Audio(frame));
    }

    @Override
    public void onDone() {
        events.add(new Done());
    }

    @Override
    public void onError(ProviderException error) {
        events.add(new Failed(error));
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public long doneCount() {
        return events.stream().filter(Done.class::isInstance).count();
    }

    public List<ProviderException> errors() {
        return events.stream().filter(Failed.class::isInstance).map(event -> ((Failed) event).error()).toList();
    }

    public List<AudioFrame> frames() {
        return events.stream().filter(Audio.class::isInstance).map(event -> ((Audio) event).frame()).toList();
    }

    public int audioEventCount() {
        return frames().size();
    }

    /** All samples received so far, joined. */
    public short[] samples() {
        List<AudioFrame> frames = frames();
        short[] joined = new short[frames.stream().mapToInt(frame -> frame.samples().length).sum()];
        int at = 0;
        for (AudioFrame frame : frames) {
            System.arraycopy(frame.samples(), 0, joined, at, frame.samples().length);
            at += frame.samples().length;
        }
        return joined;
    }

    /** Samples of the audio events from index {@code firstEvent} on (what came after a cancel, say). */
    public short[] samplesFrom(int firstEvent) {
        List<Event> all = events();
        return join(all.subList(Math.min(firstEvent, all.size()), all.size()).stream()
                .filter(Audio.class::isInstance).map(event -> ((Audio) event).frame().samples()).toList());
    }

    /** Samples of each answer: the audio between consecutive DONEs. */
    public List<short[]> answers() {
        List<short[]> answers = new ArrayList<>();
        List<short[]> current = new ArrayList<>();
        for (Event event : events) {
            switch (event) {
                case Audio audio -> current.add(audio.frame().samples());
                case Done done -> {
                    answers.add(join(current));
                    current.clear();
                }
                case Failed failed -> current.clear();
            }
        }
        return answers;
    }

    public Duration heard(int sampleRate) {
        return Duration.ofNanos(samples().length * 1_000_000_000L / sampleRate);
    }

    private static short[] join(List<short[]> pieces) {
        short[] joined = new short[pieces.stream().mapToInt(piece -> piece.length).sum()];
        int at = 0;
        for (short[] piece : pieces) {
            System.arraycopy(piece, 0, joined, at, piece.length);
            at += piece.length;
        }
        return joined;
    }
}
