package io.vaani.agent.provider.tts;

import io.vaani.agent.provider.ProviderException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The answers of a websocket session by the provider's context ids: audio, completions and errors
 * arrive tagged with a context, and go to the listener in answer order. A context that was cancelled,
 * finished or failed is forgotten, so anything the provider still sends for it is dropped.
 */
public final class AnswerContexts {
    private final OrderedSpeech speech;
    private final Map<String, Context> open = new LinkedHashMap<>();
    private String current;

    private record Context(long answer, PcmDecoder decoder) {
    }

    public AnswerContexts(TtsListener listener, int sampleRate) {
        this.speech = new OrderedSpeech(listener, sampleRate);
    }

    /** The context taking the current answer's text, or null between answers. */
    public synchronized String current() {
        return current;
    }

    /** Starts an answer in a new context and returns its id. */
    public synchronized String begin() {
        String context = UUID.randomUUID().toString();
        open.put(context, new Context(speech.open(), new PcmDecoder()));
        current = context;
        return context;
    }

    /** The current answer's text is complete; its context stays open until the provider finishes it. */
    public synchronized void end() {
        current = null;
    }

    /** An answer without text: done in its turn. */
    public void empty() {
        speech.done(speech.open());
    }

    public synchronized boolean isOpen(String context) {
        return open.containsKey(context);
    }

    /** Little-endian 16-bit PCM of the context's answer. */
    public void audio(String context, byte[] pcm, int providerRate) {
        Context answer;
        short[] samples;
        synchronized (this) {
            answer = open.get(context);
            if (answer == null) {
                return;
            }
            samples = answer.decoder().decode(pcm);
        }
        speech.audio(answer.answer(), samples, providerRate);
    }

    public void done(String context) {
        Context answer = remove(context);
        if (answer != null) {
            speech.done(answer.answer());
        }
    }

    public void fail(String context, ProviderException error) {
        Context answer = remove(context);
        if (answer != null) {
            speech.fail(answer.answer(), error);
        }
    }

    /** The connection is gone: one error for the open answers, which all end. */
    public void failAll(ProviderException error) {
        synchronized (this) {
            open.clear();
            current = null;
        }
        speech.failAll(error);
    }

    /** Barge-in: forgets every open answer (nothing more of theirs is delivered) and returns their contexts. */
    public List<String> cancelAll() {
        speech.cancelAll();
        synchronized (this) {
            List<String> contexts = new ArrayList<>(open.keySet());
            open.clear();
            current = null;
            return contexts;
        }
    }

    private synchronized Context remove(String context) {
        if (context.equals(current)) {
            current = null;
        }
        return open.remove(context);
    }
}
