package io.vaani.agent.voice;

import io.vaani.agent.call.Call;
import io.vaani.agent.call.Conversation;
import io.vaani.agent.config.WorkerConfig;
import io.vaani.agent.provider.llm.LanguageModels;
import io.vaani.agent.provider.stt.SpeechRecognizers;
import io.vaani.agent.provider.stt.SttListener;
import io.vaani.agent.provider.stt.SttOptions;
import io.vaani.agent.provider.stt.SttSession;
import io.vaani.agent.provider.tts.SpeechSynthesizers;
import io.vaani.agent.provider.tts.TtsListener;
import io.vaani.agent.provider.tts.TtsOptions;
import io.vaani.agent.provider.tts.TtsSession;
import io.vaani.agent.recording.CallRecorder;
import io.vaani.agent.recording.CallRecorders;
import io.vaani.agent.recording.RecordingOutcome;
import io.vaani.agent.voice.vad.SileroModel;
import io.vaani.agent.voice.vad.SpeechDetector;
import io.vaani.agent.voice.vad.VadListener;
import io.vaani.agent.voice.vad.VadOptions;
import io.vaani.contracts.agent.AgentJobMetadata;
import io.vaani.contracts.agent.AgentProfile;
import io.vaani.agent.audio.AudioFrame;
import io.vaani.agent.provider.ProviderException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The agent in a call: runs the agent's profile (from the dispatch) as a voice conversation with
 * its providers, then publishes the outcome, hangs up when the agent ended the call, and hands the
 * transcript and recording over for storing.
 */
public final class VoiceAgent implements Conversation {
    private static final Logger LOG = Logger.getLogger(VoiceAgent.class);
    /** The rate asked of TTS: most providers' native one, and the microphone track's. */
    static final int SPEECH_RATE = 24_000;

    private final WorkerConfig.Voice settings;
    private final LanguageModels models;
    private final SpeechRecognizers recognizers;
    private final SpeechSynthesizers synthesizers;
    private final Supplier<SileroModel> vad;
    private final CallRecorders recorders;
    private final CallRecords records;
    private final TurnMetrics metrics;
    private final Function<Call, CallActions> actions;
    private final HttpClient http;
    private final Clock clock;

    public VoiceAgent(WorkerConfig.Voice settings, LanguageModels models, SpeechRecognizers recognizers, SpeechSynthesizers synthesizers,
            Supplier<SileroModel> vad, CallRecorders recorders, CallRecords records, TurnMetrics metrics,
            Function<Call, CallActions> actions, HttpClient http, Clock clock) {
        this.settings = settings;
        this.models = models;
        this.recognizers = recognizers;
        this.synthesizers = synthesizers;
        this.vad = vad;
        this.recorders = recorders;
        this.records = records;
        this.metrics = metrics;
        this.actions = actions;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public void run(Call call) throws Exception {
        AgentJobMetadata job = call.job().metadata();
        AgentProfile profile = job.agent();
        if (profile == null) {
            throw new IllegalStateException("call " + job.callLogId() + " was dispatched without the agent's profile (metadata version "
                    + job.version() + "); upgrade dialer-core");
        }
        CallActions effects = actions.apply(call);
        SessionProviders providers = providers(profile);
        if (job.mode() == AgentJobMetadata.Mode.ABANDON) {
            // No agent was free when the callee answered: the dialer settles the call, the worker only says the message.
            sayOnly(call, providers, job.abandonMessage());
            effects.hangUp();
            return;
        }
        CallRecorder recorder = startRecording(job);
        VoiceSession session = new VoiceSession(call, settings, models.forProvider(profile.llm().provider()), profile.llm().model(),
                providers, new CallTools(profile.tools(), effects, http), metrics,
                recorder == null ? frame -> { } : recorder::fromCaller, recorder == null ? frame -> { } : recorder::toCaller,
                Duration.ofSeconds(profile.maxCallSeconds()), systemPrompt(profile, job),
                new VoiceSession.Voicemail(profile.voicemailAction() == AgentProfile.VoicemailAction.LEAVE_MESSAGE,
                        PromptText.fill(profile.voicemailMessage(), job.variables())));
        VoiceSession.Result result = session.run(Optional.ofNullable(profile.firstMessage()).map(m -> PromptText.fill(m, job.variables())));
        if (!records.ended(job, result)) {
            LOG.infof("call %d already had its outcome; the agent's (%s) is not published", job.callLogId(), result.outcome());
        }
        if (result.hangUp()) {
            effects.hangUp();
        }
        records.record(job, result, stored(recorder));
    }

    /** Says a message and returns once the callee heard it (or hung up). */
    private static void sayOnly(Call call, SessionProviders providers, String message) throws Exception {
        CompletableFuture<Void> spoken = new CompletableFuture<>();
        try (TtsSession speech = providers.tts(new TtsListener() {
            @Override
            public void onAudio(AudioFrame frame) {
                call.microphone().write(frame);
            }

            @Override
            public void onDone() {
                call.microphone().drained().thenRun(() -> spoken.complete(null));
            }

            @Override
            public void onError(ProviderException error) {
                spoken.completeExceptionally(error);
            }
        })) {
            call.state(Call.AgentState.SPEAKING);
            speech.push(message == null || message.isBlank() ? "Sorry, we will call you back." : message);
            speech.flush();
            CompletableFuture.anyOf(spoken, call.room().left(call.caller().identity()), call.ending()).get(2, TimeUnit.MINUTES);
        }
    }

    private CallRecorder startRecording(AgentJobMetadata job) {
        try {
            return recorders.start(job.callLogId(), clock.instant());
        } catch (IOException e) {
            LOG.warnf("call %d is not recorded: %s", job.callLogId(), e.getMessage());
            return null;
        }
    }

    private static String stored(CallRecorder recorder) {
        if (recorder == null) {
            return null;
        }
        return switch (recorder.finish()) {
            case RecordingOutcome.Stored stored -> stored.key();
            case RecordingOutcome.Failed failed -> {
                LOG.warnf(failed.cause(), "recording %s was not stored after %d attempt(s)", failed.key(), failed.attempts());
                yield null;
            }
        };
    }

    private static String systemPrompt(AgentProfile profile, AgentJobMetadata job) {
        return PromptText.fill(profile.systemPrompt(), job.variables())
                + "\n\nYou are speaking on the phone: answer in short spoken sentences, without lists or markup.";
    }

    private SessionProviders providers(AgentProfile profile) {
        return new SessionProviders() {
            @Override
            public TtsSession tts(TtsListener listener) {
                return synthesizers.forProvider(profile.tts().provider()).open(new TtsOptions(Optional.ofNullable(profile.tts().model()),
                        Optional.ofNullable(profile.tts().voice()), profile.language(), SPEECH_RATE), listener);
            }

            @Override
            public SttSession stt(SttListener listener) {
                return recognizers.forProvider(profile.stt().provider()).open(new SttOptions(profile.stt().model(), profile.language(),
                        VoiceSession.RECOGNITION_RATE), listener);
            }

            @Override
            public SpeechDetector vad(VadListener listener) {
                return new SpeechDetector(vad.get(), VadOptions.defaults(), listener);
            }
        };
    }
}
