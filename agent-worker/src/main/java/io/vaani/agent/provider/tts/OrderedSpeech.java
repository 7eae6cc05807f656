package io.vaani.agent.provider.tts;

import io.vaani.agent.audio.AudioFrame;
import io.vaani.agent.audio.Resampler;
import io.vaani.agent.provider.ProviderException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * What a session hands its listener: answers strictly in the order they were opened, each resampled
 * from the provider's rate to the session's. A provider may produce the next answer while the
 * current one still streams (two contexts on one socket); that audio waits here until the current
 * answer is done. Cancelled answers are forgotten, so late audio of theirs goes nowhere, and once
 * {@link #cancelAll()} returns nothing of theirs reaches the listener any more.
 */
final class OrderedSpeech {
    private static final Logger LOG = Logger.getLogger(OrderedSpeech.class);

    private final TtsListener listener;
    private final int sampleRate;
    /** Listener calls happen under this lock: they stay in order and cancelAll waits for one in progress. */
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Answer> answers = new ArrayDeque<>();
    private long nextId = 1;

    OrderedSpeech(TtsListener listener, int sampleRate) {
        this.listener = listener;
        this.sampleRate = sampleRate;
    }

    private static final class Answer {
        final long id;
        Resampler resampler;
        final List<short[]> held = new ArrayList<>();
        boolean finished;
        ProviderException failure;

        Answer(long id) {
            this.id = id;
        }
    }

    /** A new answer after those already open. */
    long open() {
        lock.lock();
        try {
            Answer answer = new Answer(nextId++);
            answers.addLast(answer);
            return answer.id;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the answer is still expected to speak (not done, failed or cancelled). */
    boolean isOpen(long id) {
        lock.lock();
        try {
            Answer answer = find(id);
            return answer != null && !answer.finished;
        } finally {
            lock.unlock();
        }
    }

    boolean isIdle() {
        lock.lock();
        try {
            return answers.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Audio of an answer at the provider's rate. */
    void audio(long id, short[] samples, int providerRate) {
        if (samples.length == 0) {
            return;
        }
        lock.lock();
        try {
            Answer answer = find(id);
            if (answer == null || answer.finished) {
                return;
            }
            if (answer.resampler == null || answer.resampler.inputRate() != providerRate) {
                if (answer.resampler != null) {
                    emit(answer, answer.resampler.drain());
                }
                answer.resampler = new Resampler(providerRate, sampleRate);
            }
            emit(answer, answer.resampler.process(samples, 0, samples.length));
        } finally {
            lock.unlock();
        }
    }

    /** The answer's audio is complete: its last samples go out, then {@link TtsListener#onDone()} when it is its turn. */
    void done(long id) {
        lock.lock();
        try {
            Answer answer = find(id);
            if (answer == null || answer.finished) {
                return;
            }
            if (answer.resampler != null) {
                emit(answer, answer.resampler.drain());
            }
            answer.finished = true;
            advance();
        } finally {
            lock.unlock();
        }
    }

    /** The answer failed: what it held is dropped and {@link TtsListener#onError} stands for its end. */
    void fail(long id, ProviderException error) {
        lock.lock();
        try {
            Answer answer = find(id);
            if (answer == null || answer.finished) {
                return;
            }
            answer.finished = true;
            answer.failure = error;
            answer.held.clear();
            advance();
        } finally {
            lock.unlock();
        }
    }

    /** The connection behind every open answer is gone: one error, and all of them end. */
    void failAll(ProviderException error) {
        lock.lock();
        try {
            if (answers.isEmpty()) {
                return;
            }
            answers.clear();
            call(() -> listener.onError(error));
        } finally {
            lock.unlock();
        }
    }

    /** Barge-in: forgets every open answer and returns their ids; no event follows for them. */
    List<Long> cancelAll() {
        lock.lock();
        try {
            List<Long> ids = answers.stream().map(answer -> answer.id).toList();
            answers.clear();
            return ids;
        } finally {
            lock.unlock();
        }
    }

    private Answer find(long id) {
        for (Answer answer : answers) {
            if (answer.id == id) {
                return answer;
            }
        }
        return null;
    }

    private void emit(Answer answer, short[] samples) {
        if (samples.length == 0) {
            return;
        }
        if (answer == answers.peekFirst()) {
            call(() -> listener.onAudio(new AudioFrame(samples, sampleRate)));
        } else {
            answer.held.add(samples);
        }
    }

    private void advance() {
        while (!answers.isEmpty() && answers.peekFirst().finished) {
            Answer head = answers.removeFirst();
            if (head.failure != null) {
                call(() -> listener.onError(head.failure));
            } else {
                call(listener::onDone);
            }
            Answer next = answers.peekFirst();
            if (next != null) {
                for (short[] samples : next.held) {
                    call(() -> listener.onAudio(new AudioFrame(samples, sampleRate)));
                }
                next.held.clear();
            }
        }
    }

    /** A listener that throws must not leave the session's bookkeeping half done. */
    private static void call(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            LOG.warn("TTS listener failed", e);
        }
    }
}
