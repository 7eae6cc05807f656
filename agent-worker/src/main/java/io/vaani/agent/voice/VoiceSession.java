package io.vaani.agent.voice;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vaani.agent.audio.AudioFrame;
import io.vaani.agent.call.Call;
import io.vaani.agent.config.WorkerConfig;
import io.vaani.agent.provider.ProviderException;
import io.vaani.agent.provider.llm.ChatMessage;
import io.vaani.agent.provider.llm.LanguageModel;
import io.vaani.agent.provider.llm.LlmCall;
import io.vaani.agent.provider.llm.LlmListener;
import io.vaani.agent.provider.llm.LlmRequest;
import io.vaani.agent.provider.llm.ToolCall;
import io.vaani.agent.provider.stt.SttListener;
import io.vaani.agent.provider.stt.SttSession;
import io.vaani.agent.provider.stt.Transcript;
import io.vaani.agent.provider.tts.TtsListener;
import io.vaani.agent.provider.tts.TtsSession;
import io.vaani.agent.room.AudioSubscription;
import io.vaani.agent.room.TranscriptSegment;
import io.vaani.agent.voice.vad.SpeechDetector;
import io.vaani.agent.voice.vad.VadEvent;
import io.vaani.contracts.domain.CallOutcome;
import io.vaani.contracts.messages.CallRecord.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One conversation. Audio, provider callbacks and timers only post events; a single loop handles
 * them in order, so the turn-taking state needs no locks and no callback ever calls a provider
 * back from inside itself. Speech is played straight from the TTS callback to the microphone, so
 * that no queue hop adds latency.
 */
final class VoiceSession {
    private static final Logger LOG = Logger.getLogger(VoiceSession.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int RECOGNITION_RATE = 16_000;
    private static final long TICK_MILLIS = 20;
    /** With no beep, a message is left once the greeting has been followed by this much silence. */
    private static final Duration MESSAGE_AFTER_SILENCE = Duration.ofMillis(1500);
    private static final String MACHINE_CHECK = """
            You judge the first words heard when an outbound phone call is answered. Reply with one word: MACHINE if \
            they are a voicemail greeting or an answering machine (e.g. "leave a message after the tone", "is not \
            available", "the person you are calling"), HUMAN if a person answered.""";

    private sealed interface Event {
    }

    private record Vad(VadEvent event) implements Event {
    }

    private record Heard(Transcript transcript) implements Event {
    }

    private record ModelText(int answer, String delta) implements Event {
    }

    private record ModelTool(int answer, ToolCall call) implements Event {
    }

    private record ModelDone(int answer) implements Event {
    }

    private record SpeechDone(int answer) implements Event {
    }

    private record Played(int answer) implements Event {
    }

    private record FirstAudio(int answer) implements Event {
    }

    /** An answering machine's beep was heard on the callee's side. */
    private record Beep() implements Event {
    }

    /** The model's verdict on the callee's first words. */
    private record Classified(boolean machine) implements Event {
    }

    private record Failed(ProviderException error) implements Event {
    }

    /** Something outside the loop ended the call: look at {@code ended} now. */
    private record Wake() implements Event {
    }

    /** An event and when it was posted, so the loop's own delay shows in the turn's figures. */
    private record Posted(Event event, long nanos) {
    }

    /** What to do on reaching an answering machine: hang up, or leave this message after the beep. */
    record Voicemail(boolean leaveMessage, String message) {
    }

    /** How the conversation ended, for the call's outcome. */
    record Result(CallOutcome outcome, String disposition, boolean hangUp, TurnLog log, Instant startedAt, Instant endedAt) {
    }

    /** An answer under way: what was sent to TTS, how much audio came back and was played, and its figures. */
    private final class Answer {
        final int id;
        final Instant startedAt = Instant.now();
        final long startNanos = System.nanoTime();
        final long playedAtStart = call.microphone().played().toNanos();
        final SentenceSplitter sentences = new SentenceSplitter();
        final StringBuilder spoken = new StringBuilder();
        final List<ToolCall> toolCalls = new ArrayList<>();
        final ObjectNode metrics = JSON.createObjectNode();
        final boolean fromModel;
        volatile long generatedNanos;
        volatile long firstAudioNanos;
        long firstTokenNanos;
        long firstPushNanos;
        /** The pipeline's own time on the way to this answer, stage by stage (see {@link TurnTimings}). */
        long endOfSpeechOverhead;
        long turnOverhead;
        long firstSentenceOverhead;
        volatile long firstAudioOverhead;
        LlmCall model;

        Answer(int id, boolean fromModel) {
            this.id = id;
            this.fromModel = fromModel;
        }

        long playedNanos() {
            return call.microphone().played().toNanos() - playedAtStart;
        }

        /** The text the callee heard: as much of what was sent to TTS as the share of its audio that was played. */
        String heardText() {
            String text = spoken.toString();
            long generated = generatedNanos;
            if (generated <= 0) {
                return "";
            }
            int cut = (int) Math.min(text.length(), Math.round(text.length() * (double) playedNanos() / generated));
            int space = text.lastIndexOf(' ', cut);
            return (cut >= text.length() ? text : text.substring(0, Math.max(space, 0))).strip();
        }
    }

    private final Call call;
    private final WorkerConfig.Voice settings;
    private final LanguageModel model;
    private final String llmModel;
    private final TtsSession speech;
    private final SttSession recognition;
    private final SpeechDetector detector;
    private final CallTools tools;
    private final TurnMetrics metrics;
    private final Consumer<AudioFrame> recordCaller;
    private final Consumer<AudioFrame> recordAgent;
    private final Duration maxDuration;
    private final TurnLog log;
    private final LinkedBlockingQueue<Posted> events = new LinkedBlockingQueue<>();
    /** When the event being handled was posted. */
    private long postedNanos;
    /** The agent's audio as the microphone sends it, recorded from the loop rather than on the shared pacer thread. */
    private final ConcurrentLinkedQueue<AudioFrame> sent = new ConcurrentLinkedQueue<>();
    /** The conversation starts when the agent is in the call, before its providers connect (the recording starts then too). */
    private final Instant startedAt = Instant.now();

    private int answers;
    private volatile Answer current;
    private boolean callerSpeaking;
    private long speechStartNanos;
    private long speechEndNanos;
    private long endOfSpeechOverhead;
    private long lastFinalPostedNanos;
    private final StringBuilder heard = new StringBuilder();
    private Instant heardFrom;
    private long interruptionFromNanos;
    private String resumable;
    private long resumeDeadlineNanos;
    private long quietSinceNanos = System.nanoTime();
    private int promptsUnanswered;
    private CallOutcome outcome;
    private String disposition;
    private boolean endAfterSpeech;
    /** The model's transfer, made once its words before it were played. */
    private ToolCall transferAfterSpeech;
    private volatile boolean hangUp = true;
    private volatile String ended;
    private final Voicemail voicemail;
    private final BeepDetector beeps = new BeepDetector();
    /** Until the callee's first words are judged (or a beep is heard), the callee may be a machine. */
    private boolean judging = true;
    private boolean machine;
    private boolean beepHeard;
    private boolean leavingMessage;
    private LlmCall classification;

    VoiceSession(Call call, WorkerConfig.Voice settings, LanguageModel model, String llmModel, SessionProviders providers,
            CallTools tools, TurnMetrics metrics, Consumer<AudioFrame> recordCaller, Consumer<AudioFrame> recordAgent,
            Duration maxDuration, String systemPrompt, Voicemail voicemail) {
        this.call = call;
        this.voicemail = voicemail;
        this.settings = settings;
        this.model = model;
        this.llmModel = llmModel;
        this.tools = tools;
        this.metrics = metrics;
        this.recordCaller = recordCaller;
        this.recordAgent = recordAgent;
        this.maxDuration = maxDuration;
        this.log = new TurnLog(systemPrompt);
        this.speech = providers.tts(new TtsListener() {
            @Override
            public void onAudio(AudioFrame frame) {
                play(frame);
            }

            @Override
            public void onDone() {
                Answer answer = current;
                if (answer != null) {
                    post(new SpeechDone(answer.id));
                }
            }

            @Override
            public void onError(ProviderException error) {
                post(new Failed(error));
            }
        });
        this.recognition = providers.stt(new SttListener() {
            @Override
            public void onTranscript(Transcript transcript) {
                post(new Heard(transcript));
            }

            @Override
            public void onError(ProviderException error) {
                post(new Failed(error));
            }
        });
        this.detector = providers.vad(event -> {
            if (!(event instanceof VadEvent.Inference)) {
                post(new Vad(event));
            }
        });
    }

    /** Runs the conversation until it ends: the callee hangs up, the agent ends it, or the job is ended. */
    Result run(Optional<String> firstMessage) throws InterruptedException {
        call.room().left(call.caller().identity()).thenRun(() -> end("the callee hung up", false));
        call.room().disconnected().thenAccept(reason -> end("the room ended: " + reason, false));
        call.ending().thenAccept(reason -> end(reason, true));
        try (AudioSubscription audio = call.room().receiveAudio(call.caller().identity(), RECOGNITION_RATE, this::heardCaller)) {
            call.microphone().tap(sent::add);
            call.state(Call.AgentState.LISTENING);
            firstMessage.filter(text -> !text.isBlank()).ifPresent(this::say);
            while (ended == null) {
                Posted posted = events.poll(untilNextTick(), TimeUnit.NANOSECONDS);
                if (posted != null) {
                    postedNanos = posted.nanos();
                    handle(posted.event());
                }
                tick();
            }
            Answer answer = current;
            if (answer != null) {
                stopAnswer(answer, true);
            }
            if (classification != null) {
                classification.cancel();
            }
            metrics.droppedFrames(audio.droppedFrames());
        } finally {
            detector.close();
            recognition.close();
            speech.close();
        }
        return new Result(outcome == null ? CallOutcome.COMPLETED : outcome, disposition == null ? ended : disposition, hangUp, log,
                startedAt, Instant.now());
    }

    private void end(String reason, boolean hangUp) {
        synchronized (this) {
            if (ended == null) {
                this.hangUp &= hangUp;
                ended = reason;
            }
        }
        post(new Wake());
    }

    private void post(Event event) {
        events.add(new Posted(event, System.nanoTime()));
    }

    // ---- the callee ----

    private void heardCaller(AudioFrame frame) {
        recordCaller.accept(frame);
        if (beeps.push(frame)) {
            post(new Beep());
        }
        detector.push(frame);
        recognition.push(frame);
    }

    private void handle(Event event) {
        switch (event) {
            case Vad(VadEvent.StartOfSpeech start) -> {
                callerSpeaking = true;
                speechStartNanos = System.nanoTime() - start.timestamp().minus(start.speechStart()).toNanos();
                recognition.startOfSpeech();
                if (current != null) {
                    interruptionFromNanos = speechStartNanos;
                }
            }
            case Vad(VadEvent.EndOfSpeech end) -> {
                callerSpeaking = false;
                speechEndNanos = System.nanoTime();
                quietSinceNanos = speechEndNanos;
                interruptionFromNanos = 0;
                recognition.endOfSpeech();
                endOfSpeechOverhead = System.nanoTime() - postedNanos;
            }
            case Vad vad -> {
            }
            case Heard(Transcript transcript) -> heard(transcript);
            case ModelText(int id, String delta) -> ifCurrent(id, answer -> modelText(answer, delta));
            case ModelTool(int id, ToolCall toolCall) -> ifCurrent(id, answer -> answer.toolCalls.add(toolCall));
            case ModelDone(int id) -> ifCurrent(id, this::modelDone);
            case SpeechDone(int id) -> ifCurrent(id, answer -> call.microphone().drained()
                    .thenRun(() -> post(new Played(id))));
            case Played(int id) -> ifCurrent(id, this::played);
            case FirstAudio(int id) -> ifCurrent(id, this::firstAudio);
            case Beep beep -> {
                beepHeard = true;
                if (judging || machine) {
                    answeringMachine("a beep was heard");
                }
            }
            case Classified(boolean isMachine) -> {
                judging = false;
                if (isMachine) {
                    answeringMachine("the greeting is an answering machine's");
                }
            }
            case Failed(ProviderException error) -> {
                LOG.warnf("call %d: %s", call.job().metadata().callLogId(), error.getMessage());
                outcome = CallOutcome.FAILED;
                disposition = "agent error: " + error.getMessage();
                end(disposition, true);
            }
            case Wake wake -> {
            }
        }
    }

    private void heard(Transcript transcript) {
        String text = transcript.text().strip();
        if (text.isEmpty()) {
            return;
        }
        resumable = null; // words: a real interruption, nothing to resume
        call.room().publishTranscription(new TranscriptSegment("user-" + speechStartNanos, call.caller().audioTrackSid(),
                (heard + " " + text).strip(), false));
        if (transcript.isFinal()) {
            if (heard.isEmpty()) {
                heardFrom = Instant.now().minusNanos(System.nanoTime() - speechStartNanos);
            }
            heard.append(heard.isEmpty() ? "" : " ").append(text);
            lastFinalPostedNanos = postedNanos;
        }
    }

    /** A tick's time, or less when the turn falls due sooner: answering waits for the endpointing delay, not a tick more. */
    private long untilNextTick() {
        long tick = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
        if (callerSpeaking || speechEndNanos == 0 || heard.isEmpty()) {
            return tick;
        }
        return Math.clamp(speechEndNanos + settings.minEndpointingDelay().toNanos() - System.nanoTime(), 0, tick);
    }

    private void tick() {
        long now = System.nanoTime();
        if (interruptionFromNanos > 0 && callerSpeaking && current != null && !leavingMessage
                && now - interruptionFromNanos >= settings.minInterruption().toNanos()) {
            interrupt(current);
        }
        if (!callerSpeaking && speechEndNanos > 0 && !heard.isEmpty() && now - speechEndNanos >= settings.minEndpointingDelay().toNanos()) {
            takeTurn(now);
        } else if (!callerSpeaking && speechEndNanos > 0 && heard.isEmpty()
                && now - speechEndNanos >= settings.maxEndpointingDelay().toNanos()) {
            speechEndNanos = 0; // sound without words: not a turn
        }
        if (machine && voicemail.leaveMessage() && !leavingMessage && !callerSpeaking
                && (beepHeard || now - quietSinceNanos >= MESSAGE_AFTER_SILENCE.toNanos())) {
            leaveMessage();
        }
        if (resumable != null && !callerSpeaking && now >= resumeDeadlineNanos) {
            String rest = resumable;
            resumable = null;
            say(rest); // a cough or a "hm" stopped the agent: it goes on where it was cut
        }
        if (current == null && !machine && !callerSpeaking && heard.isEmpty()
                && now - quietSinceNanos >= settings.silencePrompt().toNanos()) {
            if (promptsUnanswered >= settings.silencePrompts()) {
                disposition = "no answer from the callee";
                end(disposition, true);
            } else {
                promptsUnanswered++;
                say(settings.silencePromptText());
            }
        }
        // Last: encoding the recording is bookkeeping, never ahead of taking a turn.
        for (AudioFrame frame = sent.poll(); frame != null; frame = sent.poll()) {
            recordAgent.accept(frame);
        }
        if (Duration.between(startedAt, Instant.now()).compareTo(maxDuration) >= 0) {
            disposition = "maximum call duration reached";
            end(disposition, true);
        }
    }

    /** The callee finished a turn: it goes into the conversation and the model answers it. */
    private void takeTurn(long now) {
        String text = heard.toString();
        heard.setLength(0);
        if (machine) {
            speechEndNanos = 0; // the machine's greeting goes on: nobody to answer
            return;
        }
        ObjectNode figures = JSON.createObjectNode().put("endOfUtteranceDelayMs", (now - speechEndNanos) / 1_000_000);
        log.said(Role.USER, new ChatMessage.User(text), text, false, heardFrom, Instant.now(), figures);
        promptsUnanswered = 0;
        Answer unfinished = current;
        if (unfinished != null) {
            stopAnswer(unfinished, true); // the callee went on talking: answer everything they said
        }
        long endOfSpeech = speechEndNanos;
        long due = Math.max(endOfSpeech + settings.minEndpointingDelay().toNanos(), lastFinalPostedNanos);
        speechEndNanos = 0;
        Answer answer = startAnswer(true);
        answer.metrics.put("endOfSpeechNanos", endOfSpeech);
        answer.endOfSpeechOverhead = endOfSpeechOverhead;
        ask(answer);
        answer.turnOverhead = System.nanoTime() - due;
        // Off the answer's critical path: the callee's words to the room, the answering-machine check, the figures.
        call.room().publishTranscription(new TranscriptSegment("user-" + speechStartNanos, call.caller().audioTrackSid(), text, true));
        if (judging && classification == null) {
            classify(text);
        }
        metrics.endOfUtterance(Duration.ofNanos(now - endOfSpeech));
    }

    // ---- answering machines ----

    /** Asks the model, beside the answer, whether the callee's first words came from a machine. */
    private void classify(String firstWords) {
        StringBuilder verdict = new StringBuilder();
        classification = model.stream(new LlmRequest(llmModel, List.of(new ChatMessage.System(MACHINE_CHECK), new ChatMessage.User(firstWords)),
                List.of(), Optional.of(0.0)), new LlmListener() {
                    @Override
                    public void onText(String delta) {
                        verdict.append(delta);
                    }

                    @Override
                    public void onToolCall(ToolCall toolCall) {
                    }

                    @Override
                    public void onComplete(String finishReason) {
                        post(new Classified(verdict.toString().toUpperCase().contains("MACHINE")));
                    }

                    @Override
                    public void onError(ProviderException error) {
                        LOG.debugf("call %d: no machine check (%s); treated as a person", call.job().metadata().callLogId(), error.getMessage());
                        post(new Classified(false));
                    }
                });
    }

    private void answeringMachine(String why) {
        if (machine) {
            return;
        }
        machine = true;
        judging = false;
        outcome = CallOutcome.VOICEMAIL;
        disposition = "answering machine: " + why;
        Answer answer = current;
        if (answer != null) {
            stopAnswer(answer, true);
        }
        heard.setLength(0);
        if (!voicemail.leaveMessage() || voicemail.message() == null || voicemail.message().isBlank()) {
            end(disposition, true);
        }
    }

    private void leaveMessage() {
        leavingMessage = true;
        endAfterSpeech = true;
        disposition = "answering machine: message left";
        say(voicemail.message());
    }

    // ---- the agent ----

    private Answer startAnswer(boolean fromModel) {
        Answer answer = new Answer(++answers, fromModel);
        current = answer;
        quietSinceNanos = System.nanoTime();
        return answer;
    }

    private void ask(Answer answer) {
        call.state(Call.AgentState.THINKING);
        int id = answer.id;
        answer.model = model.stream(new LlmRequest(llmModel, log.messages(), tools.definitions(), Optional.empty()), new LlmListener() {
            @Override
            public void onText(String delta) {
                post(new ModelText(id, delta));
            }

            @Override
            public void onToolCall(ToolCall toolCall) {
                post(new ModelTool(id, toolCall));
            }

            @Override
            public void onComplete(String finishReason) {
                post(new ModelDone(id));
            }

            @Override
            public void onError(ProviderException error) {
                post(new Failed(error));
            }
        });
    }

    /** Says fixed text (the first message, a silence prompt, the rest of an interrupted answer) without the model. */
    private void say(String text) {
        Answer answer = startAnswer(false);
        answer.firstPushNanos = System.nanoTime();
        answer.spoken.append(text);
        speech.push(text);
        speech.flush();
    }

    private void modelText(Answer answer, String delta) {
        if (answer.firstTokenNanos == 0) {
            answer.firstTokenNanos = System.nanoTime();
            metrics.firstToken(Duration.ofNanos(answer.firstTokenNanos - answer.startNanos));
            answer.metrics.put("llmTimeToFirstTokenMs", (answer.firstTokenNanos - answer.startNanos) / 1_000_000);
        }
        for (String sentence : answer.sentences.add(delta)) {
            speak(answer, sentence);
        }
    }

    private void speak(Answer answer, String sentence) {
        if (answer.firstPushNanos == 0) {
            answer.firstPushNanos = System.nanoTime();
        }
        answer.spoken.append(answer.spoken.isEmpty() ? "" : " ").append(sentence);
        speech.push(sentence);
        if (answer.firstSentenceOverhead == 0) {
            answer.firstSentenceOverhead = System.nanoTime() - postedNanos;
        }
    }

    private void modelDone(Answer answer) {
        String rest = answer.sentences.rest();
        if (!rest.isEmpty()) {
            speak(answer, rest);
        }
        if (answer.toolCalls.isEmpty()) {
            speech.flush();
            return;
        }
        // The model called tools: its words so far are a turn, the results go back, and it speaks again.
        log.said(Role.ASSISTANT, new ChatMessage.Assistant(answer.spoken.toString(), List.copyOf(answer.toolCalls)),
                answer.spoken.toString(), false, answer.startedAt, Instant.now(), answer.metrics);
        boolean speakAgain = true;
        for (ToolCall toolCall : answer.toolCalls) {
            if (toolCall.name().equals(CallTools.TRANSFER_CALL)) {
                // The transfer takes the callee off this line: what the agent is saying ("let me put you through") goes first.
                transferAfterSpeech = toolCall;
                speakAgain = false;
            } else if (settle(toolCall, tools.call(toolCall))) {
                speakAgain = false;
            }
        }
        answer.toolCalls.clear();
        answer.spoken.setLength(0);
        if (speakAgain) {
            ask(answer);
        } else {
            speech.flush();
        }
    }

    /** Applies a tool's result to the call and logs it; true when it ends the call once the agent has spoken. */
    private boolean settle(ToolCall toolCall, CallTools.Result result) {
        result.outcome().ifPresent(settled -> outcome = settled);
        if (result.endsCall()) {
            endAfterSpeech = true;
            if (toolCall.name().equals(CallTools.TRANSFER_CALL)) {
                hangUp = false; // the callee is on the line with someone else now
            }
            disposition = disposition == null ? toolCall.arguments() : disposition;
        }
        log.said(Role.TOOL, new ChatMessage.ToolResult(toolCall.id(), result.text()), toolCall.name() + " " + toolCall.arguments()
                + " -> " + result.text(), false, Instant.now(), Instant.now(), null);
        return result.endsCall();
    }

    /** Transfers the callee once the agent's words before it were played (or cut by the callee); a failure goes back to the model. */
    private void transferNow() {
        ToolCall toolCall = transferAfterSpeech;
        transferAfterSpeech = null;
        if (settle(toolCall, tools.call(toolCall))) {
            end(disposition, hangUp);
        } else {
            ask(startAnswer(true));
        }
    }

    private void play(AudioFrame frame) {
        Answer answer = current;
        if (answer == null) {
            return;
        }
        boolean first = answer.firstAudioNanos == 0;
        if (first) {
            answer.firstAudioNanos = System.nanoTime();
        }
        answer.generatedNanos += frame.duration().toNanos();
        call.microphone().write(frame);
        if (first) {
            answer.firstAudioOverhead = System.nanoTime() - answer.firstAudioNanos;
            post(new FirstAudio(answer.id));
        }
    }

    private void played(Answer answer) {
        if (!answer.spoken.isEmpty()) { // words said after the last tool call; those before are a turn already
            finishTurn(answer, answer.spoken.toString(), false);
        }
        current = null;
        quietSinceNanos = System.nanoTime();
        call.state(Call.AgentState.LISTENING);
        if (transferAfterSpeech != null) {
            transferNow();
        } else if (endAfterSpeech) {
            end(disposition == null ? "the agent ended the call" : disposition, hangUp);
        }
    }

    /** Barge-in: the agent stops at once; its turn keeps only what the callee heard. */
    private void interrupt(Answer answer) {
        interruptionFromNanos = 0;
        String heardText = answer.heardText();
        String all = answer.spoken.toString();
        stopAnswer(answer, false);
        call.microphone().clear();
        if (!answer.spoken.isEmpty()) {
            finishTurn(answer, heardText, true);
            resumable = all.length() > heardText.length() ? all.substring(heardText.length()).strip() : null;
            resumeDeadlineNanos = System.nanoTime() + settings.falseInterruptionTimeout().toNanos();
        }
        call.state(Call.AgentState.LISTENING);
        if (transferAfterSpeech != null) { // asked for a person, and spoke over "putting you through": still transferred
            resumable = null;
            transferNow();
        }
    }

    private void stopAnswer(Answer answer, boolean silenceToo) {
        if (answer.model != null) {
            answer.model.cancel();
        }
        speech.cancel();
        if (silenceToo) {
            call.microphone().clear();
        }
        current = null;
    }

    /** The agent's first audio of an answer: the figures of the turn, from the callee's last word and from the first text sent. */
    private void firstAudio(Answer answer) {
        call.state(Call.AgentState.SPEAKING);
        if (answer.metrics.has("endOfSpeechNanos")) {
            long latency = answer.firstAudioNanos - answer.metrics.remove("endOfSpeechNanos").asLong();
            answer.metrics.put("responseLatencyMs", latency / 1_000_000);
            metrics.response(Duration.ofNanos(latency));
            metrics.overhead(new TurnTimings(Duration.ofNanos(answer.endOfSpeechOverhead), Duration.ofNanos(answer.turnOverhead),
                    Duration.ofNanos(answer.firstSentenceOverhead), Duration.ofNanos(answer.firstAudioOverhead)));
        }
        if (answer.firstPushNanos > 0) {
            long ttfb = answer.firstAudioNanos - answer.firstPushNanos;
            answer.metrics.put("ttsTimeToFirstByteMs", ttfb / 1_000_000);
            metrics.firstByte(Duration.ofNanos(ttfb));
        }
    }

    private void finishTurn(Answer answer, String content, boolean interrupted) {
        answer.metrics.remove("endOfSpeechNanos");
        log.said(Role.ASSISTANT, new ChatMessage.Assistant(content, List.of()), content, interrupted, answer.startedAt, Instant.now(),
                answer.metrics);
        call.room().publishTranscription(new TranscriptSegment("agent-" + answer.id, call.microphone().trackSid(), content, true));
    }

    private void ifCurrent(int id, Consumer<Answer> action) {
        Answer answer = current;
        if (answer != null && answer.id == id) {
            action.accept(answer);
        }
    }
}
