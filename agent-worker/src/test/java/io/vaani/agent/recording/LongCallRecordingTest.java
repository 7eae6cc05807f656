package io.vaani.agent.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vaani.agent.audio.AudioFrame;
import io.vaani.testing.s3.S3ProxyServer;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** What a long call costs: heap that does not grow with its length, and CPU per second of audio. */
class LongCallRecordingTest {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @TempDir
    Path directory;

    @Test
    void tenMinutesFedAtOnceKeepTheHeapFlat() throws Exception {
        // one second of each side, handed over again and again as fast as the recorder takes it
        List<AudioFrame> caller = Tones.voiceLike(1.0, 48_000, 1);
        List<AudioFrame> agent = Tones.voiceLike(1.0, 24_000, 2);
        try (S3ProxyServer server = S3ProxyServer.start(S3Buckets.BUCKET); S3Client s3 = S3Buckets.client(server.endpoint())) {
            var uploader = new RecordingUploader(s3, S3Buckets.BUCKET, 1, Duration.ofMillis(10));
            CallRecorder recorder = new CallRecorders(uploader, directory, 24_000, System::nanoTime)
                    .start(99, Instant.parse("2025-06-01T10:00:00Z"));

            feed(recorder, caller, agent, 60);
            long afterOneMinute = usedHeapAfterGc();
            long cpuBefore = THREADS.getCurrentThreadCpuTime();
            feed(recorder, caller, agent, 540);
            long cpu = THREADS.getCurrentThreadCpuTime() - cpuBefore;
            long afterTenMinutes = usedHeapAfterGc();

            double millisPerSecond = cpu / 1e6 / 540;
            System.out.printf("Recording both sides (resampling 48 and 24 kHz, mixing, Opus, file): %.2f ms CPU per second of call%n",
                    millisPerSecond);
            assertThat(afterTenMinutes - afterOneMinute).as("heap growth over nine more minutes").isLessThan(4L << 20);
            assertThat(millisPerSecond).isLessThan(20);

            RecordingOutcome outcome = recorder.finish();
            byte[] object = s3.getObjectAsBytes(get -> get.bucket(S3Buckets.BUCKET).key(outcome.key())).asByteArray();
            OggOpusFile file = OggOpusFile.parse(object);
            assertThat((file.finalGranule() - file.preSkip()) / 48_000.0).isCloseTo(600, within(0.05));
            assertThat(object.length).as("24 kbit/s for ten minutes").isBetween(1_200_000, 2_400_000);
        }
    }

    @Test
    void encodingAloneCostsAFewMillisecondsPerSecondOfAudio() throws Exception {
        List<AudioFrame> voice = Tones.voiceLike(10.0, 16_000, 3);
        OggOpusEncoder encoder = new OggOpusEncoder(OutputStream.nullOutputStream(), 24_000, "test");
        short[] frame = new short[OggOpusEncoder.FRAME_SAMPLES];
        encode(encoder, voice, frame, 3); // warm up the JIT
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        encode(encoder, voice, frame, 12);
        double millisPerSecond = (THREADS.getCurrentThreadCpuTime() - cpuBefore) / 1e6 / 120;

        System.out.printf("Opus encoding alone (16 kHz mono, 24 kbit/s): %.2f ms CPU per second of audio%n", millisPerSecond);
        // 50 calls on 2 cores leave each call 40 ms of CPU per second for everything it does
        assertThat(millisPerSecond).isLessThan(10);
    }

    private static void feed(CallRecorder recorder, List<AudioFrame> caller, List<AudioFrame> agent, int seconds) {
        for (int second = 0; second < seconds; second++) {
            for (int i = 0; i < caller.size(); i++) {
                recorder.fromCaller(caller.get(i));
                recorder.toCaller(agent.get(i));
            }
        }
    }

    private static void encode(OggOpusEncoder encoder, List<AudioFrame> voice, short[] frame, int times) throws Exception {
        for (int time = 0; time < times; time++) {
            for (int i = 0; i + 1 < voice.size(); i += 2) {
                System.arraycopy(voice.get(i).samples(), 0, frame, 0, 160);
                System.arraycopy(voice.get(i + 1).samples(), 0, frame, 160, 160);
                encoder.encode(frame);
            }
        }
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
