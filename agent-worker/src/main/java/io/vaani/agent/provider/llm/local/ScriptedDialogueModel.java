package io.vaani.agent.provider.llm.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vaani.agent.provider.llm.GuardedListener;
import io.vaani.agent.provider.llm.LanguageModel;
import io.vaani.agent.provider.llm.LlmCall;
import io.vaani.agent.provider.llm.LlmListener;
import io.vaani.agent.provider.llm.LlmRequest;
import io.vaani.agent.provider.llm.ToolCall;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The development model (provider {@code local}): no key, no network, a small fixed script (see
 * {@link DialogueScript}) so that a call runs end to end offline and the same conversation always
 * goes the same way. It streams like a real model: its text word by word, a pause between words,
 * then its tool calls and the finish reason, on a virtual thread of its own. Not a language model:
 * it never improvises beyond the script.
 */
public final class ScriptedDialogueModel implements LanguageModel {
    private final Clock clock;
    private final Duration pause;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param clock the time callbacks are counted from ("in an hour"), in the zone it reads them in
     * @param pause between two text deltas, to pace the stream like a model (zero in tests)
     */
    public ScriptedDialogueModel(Clock clock, Duration pause) {
        this.clock = clock;
        this.pause = pause;
    }

    @Override
    public LlmCall stream(LlmRequest request, LlmListener listener) {
        DialogueScript.Reply reply = DialogueScript.reply(request, ZonedDateTime.now(clock), json);
        GuardedListener events = new GuardedListener(listener);
        Thread speaker = Thread.ofVirtual().name("local-completion").start(() -> {
            for (String delta : deltas(reply.text())) {
                if (!pause.isZero()) {
                    LockSupport.parkNanos(pause.toNanos());
                }
                events.onText(delta);
            }
            for (ToolCall call : reply.toolCalls()) {
                events.onToolCall(call);
            }
            events.onComplete(reply.finishReason());
        });
        return () -> {
            events.stop();
            speaker.interrupt();
        };
    }

    /** Words with the space before them, as models' tokens mostly come: "Hello," " this" " is". */
    static List<String> deltas(String text) {
        List<String> deltas = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || (text.charAt(i) == ' ' && text.charAt(i - 1) != ' ')) {
                if (i > start) {
                    deltas.add(text.substring(start, i));
                }
                start = i;
            }
        }
        return deltas;
    }
}
