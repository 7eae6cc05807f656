package io.vaani.agent.provider.stt.local;

import io.vaani.agent.provider.ProviderException;
import io.vaani.agent.provider.stt.SpeechToText;
import io.vaani.agent.provider.stt.SttListener;
import io.vaani.agent.provider.stt.SttOptions;
import io.vaani.agent.provider.stt.SttSession;
import io.vaani.agent.provider.stt.Transcript;
import io.vaani.agent.provider.stt.UtteranceSttSession;
import io.vaani.agent.provider.stt.UtteranceSttSession.Utterance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The development recognizer: CMU PocketSphinx with its US English model (Debian's
 * {@code pocketsphinx} and {@code pocketsphinx-en-us}), one {@code pocketsphinx_continuous} process
 * per utterance. Needs no key and no network. It is far less accurate than the hosted providers
 * (it hears "what could you please" in espeak's "can I talk to a person please"), which is the
 * price of running the whole pipeline offline; the model loads in about half a second per utterance.
 */
public final class PocketSphinxSpeechToText implements SpeechToText {
    static final String PROVIDER = "local";
    /** An utterance is written to a file for the recognizer: a minute bounds it generously. */
    private static final Duration MAX_UTTERANCE = Duration.ofMinutes(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String command;

    public PocketSphinxSpeechToText() {
        this("pocketsphinx_continuous");
    }

    /** {@code command}: the pocketsphinx_continuous executable (a path, or a name on the PATH). */
    public PocketSphinxSpeechToText(String command) {
        this.command = command;
    }

    /** Fails at once for a language other than English: the model would force English words onto it. */
    @Override
    public SttSession open(SttOptions options, SttListener listener) {
        String language = options.language() == null ? "" : options.language().toLowerCase(Locale.ROOT);
        if (!language.isEmpty() && !language.startsWith("en")) {
            throw new ProviderException(PROVIDER, 0, false, null,
                    "the local recognizer knows US English only, not " + options.language() + "; choose a hosted STT provider", null);
        }
        return new UtteranceSttSession(PROVIDER, options, listener, this::transcribe, MAX_UTTERANCE);
    }

    private Transcript transcribe(Utterance utterance) {
        Path wav = null;
        Path out = null;
        Process process = null;
        try {
            wav = Files.createTempFile("vaani-utterance-", ".wav");
            out = Files.createTempFile("vaani-utterance-", ".txt");
            Files.write(wav, utterance.wav());
            process = new ProcessBuilder(command, "-infile", wav.toString(), "-samprate", Integer.toString(utterance.sampleRate()),
                    "-logfn", "/dev/null").redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new ProviderException(PROVIDER, 0, true, null, command + " took over " + TIMEOUT.toSeconds() + " s", null);
            }
            if (process.exitValue() != 0) {
                throw new ProviderException(PROVIDER, 0, false, null, command + " failed with exit code " + process.exitValue()
                        + " (are Debian's pocketsphinx and pocketsphinx-en-us installed?)", null);
            }
            // A line per stretch of speech the recognizer's own VAD found inside the utterance.
            String text = Files.readAllLines(out, StandardCharsets.UTF_8).stream().map(String::strip).filter(line -> !line.isEmpty())
                    .collect(Collectors.joining(" "));
            return new Transcript(text, true, 1.0, utterance.start(), utterance.end());
        } catch (IOException e) {
            throw new ProviderException(PROVIDER, 0, false, null, "cannot run " + command
                    + " (Debian's pocketsphinx and pocketsphinx-en-us): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(PROVIDER, 0, false, null, "interrupted", e);
        } finally {
            if (process != null) {
                process.destroyForcibly();
            }
            deleteQuietly(wav);
            deleteQuietly(out);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temp file left behind is harmless
            }
        }
    }
}
