package io.vaani.agent.provider.llm;

import io.vaani.agent.provider.ProviderException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands a completion's events to the pipeline's listener until the completion ends or is cancelled,
 * and not one after: {@link #stop()} waits for an event being delivered on another thread, so once
 * it returns the listener hears nothing more, whichever thread produced the events.
 */
public final class GuardedListener implements LlmListener {
    private final LlmListener listener;
    // A lock rather than synchronized: events come from virtual threads that must not pin their carrier.
    private final ReentrantLock lock = new ReentrantLock();
    private boolean stopped;

    public GuardedListener(LlmListener listener) {
        this.listener = listener;
    }

    /** Silences the listener; returns whether it was still open (false after complete, error or a first stop). */
    public boolean stop() {
        lock.lock();
        try {
            boolean wasOpen = !stopped;
            stopped = true;
            return wasOpen;
        } finally {
            lock.unlock();
        }
    }

    public boolean isStopped() {
        lock.lock();
        try {
            return stopped;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onText(String delta) {
        deliver(() -> listener.onText(delta), false);
    }

    @Override
    public void onToolCall(ToolCall call) {
        deliver(() -> listener.onToolCall(call), false);
    }

    @Override
    public void onComplete(String finishReason) {
        deliver(() -> listener.onComplete(finishReason), true);
    }

    @Override
    public void onError(ProviderException error) {
        deliver(() -> listener.onError(error), true);
    }

    private void deliver(Runnable event, boolean last) {
        lock.lock();
        try {
            if (stopped) {
                return;
            }
            if (last) {
                stopped = true;
            }
            event.run();
        } finally {
            lock.unlock();
        }
    }
}
