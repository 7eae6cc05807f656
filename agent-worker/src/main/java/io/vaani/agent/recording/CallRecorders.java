package io.vaani.agent.recording;

import io.vaani.contracts.recording.RecordingKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.LongSupplier;

/** Starts the recording of a call, to be stored at the key api-service serves it from. */
public final class CallRecorders {
    private final RecordingUploader uploader;
    private final Path directory;
    private final int bitrate;
    private final LongSupplier nanoTime;

    CallRecorders(RecordingUploader uploader, Path directory, int bitrate, LongSupplier nanoTime) {
        this.uploader = uploader;
        this.directory = directory;
        this.bitrate = bitrate;
        this.nanoTime = nanoTime;
    }

    /**
     * A recorder whose timeline starts now, for the call log {@code callLogId} of a call that
     * started at {@code callStartedAt} (which dates its key). Fails when the temporary file cannot
     * be created: the call can go on unrecorded.
     */
    public CallRecorder start(long callLogId, Instant callStartedAt) throws IOException {
        return new CallRecorder(RecordingKeys.of(callLogId, callStartedAt), directory, bitrate, uploader, nanoTime);
    }
}
