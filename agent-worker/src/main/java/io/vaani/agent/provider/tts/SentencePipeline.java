package io.vaani.agent.provider.tts;

import io.vaani.agent.provider.ProviderException;
import io.vaani.agent.provider.ProviderFailures;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A session over a provider that speaks a sentence per request. Every pushed text is one request,
 * started as soon as fewer than {@value #IN_FLIGHT} requests are under way, so the next sentence
 * is being synthesized while the current one plays; one virtual thread reads the answers strictly in
 * push order and hands their audio on. An error ends its answer (the rest of that answer's sentences
 * are dropped); the next answer starts afresh.
 */
public final class SentencePipeline implements TtsSession {

    /** Requests running at once: the one being heard and two ahead, within the providers' concurrency limits. */
    static final int IN_FLIGHT = 3;

    private final SentenceSynthesizer synthesizer;
    private final OrderedSpeech speech;
    private final Object lock = new Object();
    /** Work for the reader in order: sentences and answer ends. Guarded by lock. */
    private final ArrayDeque<Step> steps = new ArrayDeque<>();
    private Sentence reading;
    private long answer;
    private int running;
    private boolean closed;
    private final Thread reader;

    public SentencePipeline(SentenceSynthesizer synthesizer, TtsListener listener, int sampleRate) {
        this.synthesizer = synthesizer;
        this.speech = new OrderedSpeech(listener, sampleRate);
        this.reader = Thread.ofVirtual().name("tts-" + synthesizer.provider()).start(this::read);
    }

    private sealed interface Step permits Sentence, AnswerEnd {
    }

    private static final class Sentence implements Step {
        final long answer;
        final String text;
        final Cancellation cancellation = new Cancellation();
        final CompletableFuture<SpeechStream> stream = new CompletableFuture<>();
        boolean started;
        boolean released;

        Sentence(long answer, String text) {
            this.answer = answer;
            this.text = text;
        }
    }

    private record AnswerEnd(long answer) implements Step {
    }

    @Override
    public void push(String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("TTS session closed");
            }
            if (answer == 0) {
                answer = speech.open();
            }
            steps.addLast(new Sentence(answer, text.strip()));
            startMore();
            lock.notifyAll();
        }
    }

    @Override
    public void flush() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            long ending = answer == 0 ? speech.open() : answer;
            answer = 0;
            steps.addLast(new AnswerEnd(ending));
            lock.notifyAll();
        }
    }

    @Override
    public void cancel() {
        speech.cancelAll();
        List<Sentence> stopped = new ArrayList<>();
        synchronized (lock) {
            for (Step step : steps) {
                if (step instanceof Sentence sentence) {
                    stopped.add(sentence);
                }
            }
            steps.clear();
            if (reading != null) {
                stopped.add(reading);
            }
            answer = 0;
            stopped.forEach(this::release);
        }
        stopped.forEach(sentence -> sentence.cancellation.cancel());
    }

    @Override
    public void close() {
        cancel();
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
    }

    /** Starts the earliest sentences not yet started while there is room; called under lock. */
    private void startMore() {
        for (Step step : steps) {
            if (running >= IN_FLIGHT) {
                return;
            }
            if (step instanceof Sentence sentence && !sentence.started) {
                sentence.started = true;
                running++;
                Thread.ofVirtual().name("tts-request-" + synthesizer.provider()).start(() -> request(sentence));
            }
        }
    }

    private void request(Sentence sentence) {
        try {
            SpeechStream stream = synthesizer.synthesize(sentence.text, sentence.cancellation);
            sentence.cancellation.onCancel(stream::abort);
            sentence.stream.complete(stream);
        } catch (Throwable failure) {
            sentence.stream.completeExceptionally(failure);
        }
    }

    /** Frees the sentence's request slot; called under lock. */
    private void release(Sentence sentence) {
        if (sentence.started && !sentence.released) {
            sentence.released = true;
            running--;
        }
    }

    private void read() {
        while (true) {
            Step step;
            synchronized (lock) {
                while (steps.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (steps.isEmpty()) {
                    return;
                }
                step = steps.removeFirst();
                reading = step instanceof Sentence sentence ? sentence : null;
            }
            switch (step) {
                case AnswerEnd end -> speech.done(end.answer());
                case Sentence sentence -> speak(sentence);
            }
            synchronized (lock) {
                if (step instanceof Sentence sentence) {
                    release(sentence);
                    startMore();
                }
                reading = null;
            }
        }
    }

    private void speak(Sentence sentence) {
        if (!speech.isOpen(sentence.answer)) {
            sentence.cancellation.cancel();
            return;
        }
        SpeechStream stream;
        try {
            stream = sentence.stream.get();
        } catch (ExecutionException e) {
            failed(sentence, e.getCause());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            for (short[] chunk = stream.read(); chunk != null; chunk = stream.read()) {
                speech.audio(sentence.answer, chunk, stream.sampleRate());
            }
        } catch (IOException | RuntimeException e) {
            failed(sentence, e);
        } finally {
            stream.abort();
        }
    }

    private void failed(Sentence sentence, Throwable failure) {
        if (sentence.cancellation.isCancelled()) {
            return; // barge-in, not a failure
        }
        ProviderException error = failure instanceof ProviderException provider ? provider
                : ProviderFailures.connection(synthesizer.provider(), failure);
        speech.fail(sentence.answer, error);
        List<Sentence> dropped = new ArrayList<>();
        synchronized (lock) {
            steps.removeIf(step -> {
                if (step instanceof Sentence later && later.answer == sentence.answer) {
                    dropped.add(later);
                    release(later);
                    return true;
                }
                return step instanceof AnswerEnd end && end.answer() == sentence.answer;
            });
            if (answer == sentence.answer) {
                answer = 0; // what the pipeline still pushes for the failed answer starts a new one
            }
        }
        dropped.forEach(later -> later.cancellation.cancel());
    }
}
