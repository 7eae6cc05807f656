package io.vaani.agent.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vaani.agent.audio.AudioFrame;
import io.vaani.agent.recording.OggOpusFile.Page;
import io.vaani.testing.s3.S3ProxyServer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** A call recorded from both sides, stored in a real S3 server, read back and decoded as a player would. */
class CallRecorderTest {
    private static final double SECOND = OggOpusFile.DECODED_RATE;
    private static final Instant STARTED = Instant.parse("2025-03-07T23:59:30Z");

    private static S3ProxyServer server;
    private static S3Client s3;

    @TempDir
    Path directory;

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @BeforeAll
    static void startS3() {
        server = S3ProxyServer.start(S3Buckets.BUCKET);
        s3 = S3Buckets.client(server.endpoint());
    }

    @AfterAll
    static void stopS3() {
        s3.close();
        server.close();
    }

    private CallRecorder recorder(long callLogId) throws Exception {
        var uploader = new RecordingUploader(s3, S3Buckets.BUCKET, 3, Duration.ofMillis(20));
        return new CallRecorders(uploader, directory, 24_000, nanos::get).start(callLogId, STARTED);
    }

    private record Timed(double at, boolean caller, AudioFrame frame) {
    }

    /** Feeds each side's frames at their times, in time order, moving the recorder's clock along. */
    private void play(CallRecorder recorder, List<Timed> events) {
        long origin = nanos.get();
        events.stream().sorted(Comparator.comparingDouble(Timed::at)).forEach(event -> {
            nanos.set(origin + Math.round(event.at() * 1e9));
            if (event.caller()) {
                recorder.fromCaller(event.frame());
            } else {
                recorder.toCaller(event.frame());
            }
        });
    }

    private static List<Timed> side(boolean caller, double from, List<AudioFrame> frames) {
        List<Timed> events = new ArrayList<>();
        double at = from;
        for (AudioFrame frame : frames) {
            events.add(new Timed(at, caller, frame));
            at += frame.durationMillis() / 1000;
        }
        return events;
    }

    private OggOpusFile stored(RecordingOutcome outcome) {
        assertThat(outcome).isInstanceOf(RecordingOutcome.Stored.class);
        byte[] object = s3.getObjectAsBytes(get -> get.bucket(S3Buckets.BUCKET).key(outcome.key())).asByteArray();
        assertThat((long) object.length).isEqualTo(((RecordingOutcome.Stored) outcome).bytes());
        return OggOpusFile.parse(object);
    }

    @Test
    void theCallerAndTheAgentAreHeardWhenTheySpoke() throws Exception {
        CallRecorder recorder = recorder(42);
        List<Timed> events = new ArrayList<>(side(true, 0, Tones.frames(440, 10_000, 1.0, 48_000)));
        events.addAll(side(false, 1.5, Tones.frames(880, 10_000, 1.0, 24_000)));
        play(recorder, events);

        RecordingOutcome outcome = recorder.finish();

        assertThat(outcome.key()).isEqualTo("mv/2025/03/07/42.ogg");
        assertThat(((RecordingOutcome.Stored) outcome).length()).isCloseTo(Duration.ofMillis(2500), Duration.ofMillis(20));
        short[] pcm = stored(outcome).decode();
        assertThat(pcm.length / SECOND).isCloseTo(2.5, within(0.02));
        // the caller's tone alone, then silence, then the agent's tone alone
        assertThat(Tones.amplitude(pcm, 48_000, 440, 0.1, 0.9)).isGreaterThan(7_000);
        assertThat(Tones.amplitude(pcm, 48_000, 880, 0.1, 0.9)).isLessThan(500);
        assertThat(Tones.rms(pcm, 48_000, 1.05, 1.45)).isLessThan(300);
        assertThat(Tones.amplitude(pcm, 48_000, 880, 1.6, 2.4)).isGreaterThan(7_000);
        assertThat(Tones.amplitude(pcm, 48_000, 440, 1.6, 2.4)).isLessThan(500);
        // each starts and stops within 20 ms of when it did
        assertThat(Tones.rms(pcm, 48_000, 0.02, 0.98)).isGreaterThan(5_000);
        assertThat(Tones.rms(pcm, 48_000, 1.02, 1.48)).isLessThan(300);
        assertThat(Tones.rms(pcm, 48_000, 1.52, 2.48)).isGreaterThan(5_000);
    }

    @Test
    void theStoredFileIsAValidOggOpusStream() throws Exception {
        CallRecorder recorder = recorder(7);
        play(recorder, side(true, 0.3, Tones.frames(300, 8_000, 3.2, 16_000)));

        OggOpusFile file = stored(recorder.finish());

        List<Page> pages = file.pages();
        assertThat(pages).allSatisfy(page -> assertThat(page.checksumMatches()).isTrue());
        assertThat(pages).extracting(Page::serial).containsOnly(pages.getFirst().serial());
        assertThat(pages).extracting(Page::sequence).containsExactlyElementsOf(
                Stream.iterate(0, i -> i + 1).limit(pages.size()).toList());
        assertThat(pages.getFirst().beginsStream()).isTrue();
        assertThat(pages.stream().filter(Page::beginsStream)).hasSize(1);
        assertThat(pages.getLast().endsStream()).isTrue();
        assertThat(pages.stream().filter(Page::endsStream)).hasSize(1);
        // OpusHead alone on the first page, OpusTags alone on the second, both at granule 0
        assertThat(pages.get(0).packetsEnded()).isEqualTo(1);
        assertThat(pages.get(1).packetsEnded()).isEqualTo(1);
        assertThat(pages.get(0).granule()).isZero();
        assertThat(pages.get(1).granule()).isZero();
        ByteBuffer head = file.head();
        assertThat(new String(file.packets().get(0), 0, 8, StandardCharsets.US_ASCII)).isEqualTo("OpusHead");
        assertThat(file.packets().get(0)).hasSize(19);
        assertThat(head.get(8)).isEqualTo((byte) 1);
        assertThat(head.get(9)).isEqualTo((byte) 1);
        assertThat(file.preSkip()).isPositive();
        assertThat(head.getInt(12)).isEqualTo(16_000);
        assertThat(head.getShort(16)).isZero();
        assertThat(head.get(18)).isZero();
        ByteBuffer tags = ByteBuffer.wrap(file.packets().get(1)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(file.packets().get(1), 0, 8, StandardCharsets.US_ASCII)).isEqualTo("OpusTags");
        int vendorLength = tags.getInt(8);
        assertThat(new String(file.packets().get(1), 12, vendorLength, StandardCharsets.UTF_8)).isNotBlank();
        assertThat(tags.getInt(12 + vendorLength)).isZero();
        // audio pages: granules never go back, at most a second apart, each 20 ms packet 960 of them
        List<Page> audio = pages.subList(2, pages.size());
        assertThat(audio).extracting(Page::granule).isSorted();
        assertThat(audio).allSatisfy(page -> assertThat(page.packetsEnded()).isBetween(1, 50));
        assertThat(audio.getLast().granule() - file.preSkip()).isCloseTo(Math.round(3.5 * SECOND), within(960L));
        assertThat(audio.get(audio.size() - 2).granule()).isLessThanOrEqualTo(audio.getLast().granule());
        assertThat((long) (file.packets().size() - 2) * 960).isGreaterThanOrEqualTo(audio.getLast().granule());
        short[] pcm = file.decode();
        assertThat(Tones.rms(pcm, 48_000, 0.02, 0.28)).isLessThan(300);
        assertThat(Tones.amplitude(pcm, 48_000, 300, 0.4, 3.4)).isGreaterThan(5_000);
    }

    @Test
    void overlappingSpeechIsMixedWithBothVoicesHeard() throws Exception {
        CallRecorder recorder = recorder(8);
        // loud enough that the sum goes beyond 16 bits where they overlap
        List<Timed> events = new ArrayList<>(side(true, 0, Tones.frames(440, 24_000, 1.0, 48_000)));
        events.addAll(side(false, 0.5, Tones.frames(880, 24_000, 1.0, 24_000)));
        play(recorder, events);

        short[] pcm = stored(recorder.finish()).decode();

        assertThat(pcm.length / SECOND).isCloseTo(1.5, within(0.02));
        assertThat(Tones.amplitude(pcm, 48_000, 880, 0.1, 0.4)).isLessThan(1_000);
        assertThat(Tones.amplitude(pcm, 48_000, 440, 0.6, 0.9)).isGreaterThan(12_000);
        assertThat(Tones.amplitude(pcm, 48_000, 880, 0.6, 0.9)).isGreaterThan(12_000);
        assertThat(Tones.amplitude(pcm, 48_000, 440, 1.1, 1.4)).isLessThan(1_000);
    }

    @Test
    void aPauseWithinOneSideStaysAPause() throws Exception {
        CallRecorder recorder = recorder(9);
        List<Timed> events = new ArrayList<>(side(true, 0, Tones.frames(440, 10_000, 0.5, 48_000)));
        events.addAll(side(true, 1.5, Tones.frames(440, 10_000, 0.5, 48_000)));
        play(recorder, events);

        short[] pcm = stored(recorder.finish()).decode();

        assertThat(pcm.length / SECOND).isCloseTo(2.0, within(0.02));
        assertThat(Tones.rms(pcm, 48_000, 0.55, 1.45)).isLessThan(300);
        assertThat(Tones.rms(pcm, 48_000, 1.52, 1.98)).isGreaterThan(5_000);
    }

    @Test
    void theTemporaryFileGrowsDuringTheCallAndIsGoneAfterIt() throws Exception {
        CallRecorder recorder = recorder(10);
        // half a minute: more than the file's write buffer holds
        play(recorder, side(true, 0, Tones.frames(440, 10_000, 30.0, 48_000)));
        try (Stream<Path> files = Files.list(directory)) {
            Path file = files.findFirst().orElseThrow();
            assertThat(Files.size(file)).as("encoded while the call goes on").isGreaterThan(40_000);
        }

        assertThat(recorder.finish()).isInstanceOf(RecordingOutcome.Stored.class);

        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aRecordingDroppedBeforeItsEndLeavesNothingBehind() throws Exception {
        CallRecorder recorder = recorder(11);
        play(recorder, side(true, 0, Tones.frames(440, 10_000, 0.5, 48_000)));

        recorder.close();

        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
        assertThat(s3.listObjectsV2(list -> list.bucket(S3Buckets.BUCKET).prefix("mv/2025/03/07/11.ogg")).contents()).isEmpty();
    }

    @Test
    void aStoreThatStaysDownIsReportedAndTheFileStillDeleted() throws Exception {
        S3ProxyServer stopped = S3ProxyServer.start(S3Buckets.BUCKET);
        String endpoint = stopped.endpoint();
        stopped.close();
        try (S3Client unreachable = S3Buckets.client(endpoint)) {
            var uploader = new RecordingUploader(unreachable, S3Buckets.BUCKET, 3, Duration.ofMillis(20));
            CallRecorder recorder = new CallRecorders(uploader, directory, 24_000, nanos::get).start(12, STARTED);
            play(recorder, side(true, 0, Tones.frames(440, 10_000, 0.5, 48_000)));

            RecordingOutcome outcome = recorder.finish();

            assertThat(outcome).isInstanceOfSatisfying(RecordingOutcome.Failed.class, failed -> {
                assertThat(failed.key()).isEqualTo("mv/2025/03/07/12.ogg");
                assertThat(failed.attempts()).isEqualTo(3);
                assertThat(failed.cause()).isNotNull();
            });
        }
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
    }
}
