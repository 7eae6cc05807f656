package io.vaani.agent.provider.tts.local;

import io.vaani.agent.provider.ProviderException;
import io.vaani.agent.provider.tts.Cancellation;
import io.vaani.agent.provider.tts.SentencePipeline;
import io.vaani.agent.provider.tts.SentenceSynthesizer;
import io.vaani.agent.provider.tts.SpeechStream;
import io.vaani.agent.provider.tts.TextToSpeech;
import io.vaani.agent.provider.tts.TtsListener;
import io.vaani.agent.provider.tts.TtsOptions;
import io.vaani.agent.provider.tts.TtsSession;
import io.vaani.agent.provider.tts.WavSpeech;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The development voice: espeak-ng, one process per sentence writing a WAV to its stdout (22050 Hz),
 * resampled to the session's rate. Needs no key and no network; barge-in kills the process.
 */
public final class EspeakTextToSpeech implements TextToSpeech {
    static final String PROVIDER = "local";

    private final String command;
    private volatile Set<String> voices;

    public EspeakTextToSpeech() {
        this("espeak-ng");
    }

    /** {@code command}: the espeak-ng executable (a path, or a name on the PATH). */
    public EspeakTextToSpeech(String command) {
        this.command = command;
    }

    /** Fails at once for a voice espeak-ng does not have: given one, it would quietly speak its default voice. */
    @Override
    public TtsSession open(TtsOptions options, TtsListener listener) {
        String voice = options.voice().orElseGet(() -> voiceFor(options.language()));
        String base = voice.split("\\+")[0].toLowerCase(Locale.ROOT);
        Set<String> known = knownVoices();
        if (!known.isEmpty() && !known.contains(base)) {
            throw new ProviderException(PROVIDER, 0, false, null, "espeak-ng has no voice " + voice, null);
        }
        return new SentencePipeline(new Espeak(command, voice), listener, options.sampleRate());
    }

    /** The espeak-ng voice for a language tag: the full tag when espeak knows it (en-us), else its language (hi-IN: hi). */
    String voiceFor(String language) {
        String tag = language == null || language.isBlank() ? "en" : language.toLowerCase(Locale.ROOT).replace('_', '-');
        Set<String> known = knownVoices();
        if (known.contains(tag)) {
            return tag;
        }
        String primary = tag.split("-")[0];
        return known.isEmpty() || known.contains(primary) ? primary : "en";
    }

    private Set<String> knownVoices() {
        Set<String> known = voices;
        if (known == null) {
            known = listVoices();
            voices = known;
        }
        return known;
    }

    /** Languages, names and files of {@code espeak-ng --voices}; empty when espeak cannot be asked (then voices pass as they are). */
    private Set<String> listVoices() {
        try {
            Process process = new ProcessBuilder(command, "--voices").redirectErrorStream(true).start();
            List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
            process.waitFor(5, TimeUnit.SECONDS);
            return lines.stream().map(String::strip).map(line -> line.split("\\s+"))
                    .filter(columns -> columns.length > 4)
                    .flatMap(columns -> Stream.of(columns[1], columns[3], columns[4], columns[4].substring(columns[4].lastIndexOf('/') + 1)))
                    .map(name -> name.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            return Set.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Set.of();
        }
    }

    private record Espeak(String command, String voice) implements SentenceSynthesizer {

        @Override
        public String provider() {
            return PROVIDER;
        }

        @Override
        public SpeechStream synthesize(String text, Cancellation cancellation) {
            Process process;
            try {
                // The text goes through stdin: a sentence starting with '-' is not an option.
                process = new ProcessBuilder(command, "--stdout", "-b", "1", "-v", voice, "--stdin")
                        .redirectError(ProcessBuilder.Redirect.PIPE).start();
            } catch (IOException e) {
                throw new ProviderException(PROVIDER, 0, false, null, "cannot run " + command + ": " + e.getMessage(), e);
            }
            cancellation.onCancel(process::destroyForcibly);
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                process.destroyForcibly();
                throw failure(process, e);
            }
            try {
                return WavSpeech.stream(process.getInputStream(), process::destroyForcibly);
            } catch (IOException e) {
                throw failure(process, e);
            }
        }

        /** espeak wrote no WAV: its stderr says why (an unknown voice, most often). */
        private ProviderException failure(Process process, IOException cause) {
            String reason;
            try {
                process.waitFor(2, TimeUnit.SECONDS);
                reason = new String(process.getErrorStream().readNBytes(2000), StandardCharsets.UTF_8).strip();
            } catch (IOException | InterruptedException e) {
                reason = "";
            }
            process.destroyForcibly();
            return new ProviderException(PROVIDER, 0, false, null,
                    "espeak-ng (voice " + voice + ") failed" + (reason.isEmpty() ? ": " + cause.getMessage() : ": " + reason), cause);
        }
    }
}
