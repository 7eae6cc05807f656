package io.vaani.agent.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.livekit.server.AccessToken;
import io.livekit.server.RoomJoin;
import io.livekit.server.RoomName;
import io.vaani.agent.audio.AudioFrame;
import io.vaani.agent.livekit.LiveKitStandIn;
import io.vaani.agent.livekit.ReceivedTranscript;
import io.vaani.agent.livekit.RecordedAudio;
import io.vaani.agent.livekit.Signals;
import io.vaani.agent.livekit.SpeechWav;
import io.vaani.agent.livekit.StandInRoom;
import io.vaani.agent.livekit.StandInSession;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import livekit.LivekitModels.DisconnectReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The agent's room session against the stand-in, whose other side is a real webrtc-java peer. */
class RoomTest {

    /** Opus and the jitter buffer add or trim tens of ms at the edges of speech; measured drift is far below this. */
    static final double DURATION_TOLERANCE_SECONDS = 0.12;
    static final double SPEECH_THRESHOLD = 300;

    static RoomMedia media;
    static LiveKitStandIn livekit;

    @BeforeAll
    static void start() {
        media = new RoomMedia();
        livekit = new LiveKitStandIn();
    }

    @AfterAll
    static void stop() {
        livekit.close();
        media.close();
    }

    @Test
    void joinsAndFindsTheSipCaller() {
        StandInRoom standIn = livekit.createRoom(roomName());
        try (Room room = connect(standIn)) {
            RemoteParticipant caller = room.awaitCaller(Duration.ofSeconds(5)).orElseThrow();

            assertThat(caller.identity()).isEqualTo("sip_+15551230000");
            assertThat(caller.kind()).isEqualTo(ParticipantKind.SIP);
            assertThat(caller.audioTrackSid()).isEqualTo(standIn.callerTrackSid());
            assertThat(caller.attributes()).containsEntry("sip.phoneNumber", "+15551230000");
            assertThat(room.name()).isEqualTo(standIn.name());
            assertThat(room.localIdentity()).isEqualTo("agent-1");
            assertThat(standIn.sessions()).extracting(StandInSession::identity).containsExactly("agent-1");
        }
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        AccessToken forged = new AccessToken(LiveKitStandIn.API_KEY, "another-secret-of-at-least-thirty-two-chars");
        forged.setIdentity("agent-1");
        forged.addGrants(new RoomJoin(true), new RoomName("forged"));

        assertThatThrownBy(() -> Room.connect(media, livekit.url(), forged.toJwt(), RoomOptions.defaults()))
                .isInstanceOfSatisfying(RoomConnectException.class, e -> assertThat(e.httpStatus()).isEqualTo(401))
                .hasMessageContaining("HTTP 401");
    }

    @Test
    void anUnreachableServerFailsWithinTheTimeout() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> Room.connect(media, java.net.URI.create("http://127.0.0.1:9"), "token",
                new RoomOptions(Duration.ofSeconds(2), Duration.ofSeconds(2))))
                .isInstanceOf(RoomConnectException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void theCallersSpeechArrivesAsPcmAt16And48Kilohertz() {
        StandInRoom standIn = livekit.createRoom(roomName());
        AudioFrame wav = SpeechWav.caller();
        double spoken = Signals.activeSeconds(wav, SPEECH_THRESHOLD);
        RecordedAudio at16k = new RecordedAudio();
        RecordedAudio at48k = new RecordedAudio();
        try (Room room = connect(standIn)) {
            room.receiveAudio(standIn.callerIdentity(), 16_000, at16k::add);
            room.receiveAudio(standIn.callerIdentity(), 48_000, at48k::add);
            room.awaitCaller(Duration.ofSeconds(5)).orElseThrow();

            // the whole sentence and half a second of the line's silence after it
            await().atMost(Duration.ofSeconds(15)).until(() -> standIn.sessions().getFirst().callerSpeechStartedNanos() > 0
                    && System.nanoTime() - standIn.sessions().getFirst().callerSpeechStartedNanos()
                            > (long) ((wav.durationMillis() + 800) * 1_000_000));
        }
        for (RecordedAudio received : new RecordedAudio[] {at16k, at48k}) {
            AudioFrame audio = received.joined();
            assertThat(received.frames()).allSatisfy(frame -> {
                assertThat(frame.frame().sampleRate()).isEqualTo(audio.sampleRate());
                assertThat(frame.frame().durationMillis()).isEqualTo(10.0);
            });
            double heard = Signals.activeSeconds(audio, SPEECH_THRESHOLD);
            double correlation = Signals.envelopeCorrelation(wav, audio, 300);
            System.out.printf("caller speech at %d Hz: %.3f s spoken, %.3f s received (%+.0f ms), envelope correlation %.3f%n",
                    audio.sampleRate(), spoken, heard, (heard - spoken) * 1000, correlation);
            assertThat(heard).isCloseTo(spoken, within(DURATION_TOLERANCE_SECONDS));
            assertThat(correlation).isGreaterThan(0.8);
        }
    }

    @Test
    void theAgentsToneArrivesAtTheCallerWithItsDurationAndPitch() throws Exception {
        StandInRoom standIn = livekit.createRoom(roomName());
        try (Room room = connect(standIn)) {
            AudioOutput microphone = room.publishMicrophone(48_000);
            assertThat(microphone.trackSid()).startsWith("TR_");
            // let the caller side settle on the idle line's silence first
            await().atMost(Duration.ofSeconds(3)).until(() -> standIn.sessions().getFirst().agentAudio().frameCount() >= 30);
            AudioFrame tone = tone(440, 24_000, 1.0); // written at another rate than the track's
            for (int at = 0; at < tone.samples().length; at += 480) {
                microphone.write(new AudioFrame(java.util.Arrays.copyOfRange(tone.samples(), at, at + 480), 24_000));
            }
            assertThat(microphone.queued().toMillis()).isBetween(900L, 1000L);
            microphone.drained().get(3, TimeUnit.SECONDS);
            assertThat(microphone.played().toMillis()).isBetween(995L, 1000L);
            assertThat(microphone.queued()).isZero();
            StandInSession session = standIn.sessions().getFirst();
            assertThat(session.publishedTracks()).singleElement()
                    .satisfies(track -> assertThat(track.getSid()).isEqualTo(microphone.trackSid()));
            await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> { // the tone's tail is still on its way
                AudioFrame heard = session.agentAudio().joined();
                int[] span = Signals.activeSpan(heard, 1000);
                assertThat(span).isNotNull();
                double seconds = (span[1] - span[0]) / (double) heard.sampleRate();
                double pitch = Signals.zeroCrossingFrequency(heard, span[0] + heard.sampleRate() / 10, span[1] - heard.sampleRate() / 10);
                assertThat(seconds).isCloseTo(1.0, within(DURATION_TOLERANCE_SECONDS));
                assertThat(pitch).isCloseTo(440, within(5.0));
            });
        }
    }

    @Test
    void clearDropsWhatIsQueuedForBargeIn() throws Exception {
        StandInRoom standIn = livekit.createRoom(roomName());
        try (Room room = connect(standIn)) {
            AudioOutput microphone = room.publishMicrophone(48_000);
            microphone.write(tone(440, 48_000, 2.0));
            var drained = microphone.drained();
            await().atMost(Duration.ofSeconds(2)).until(() -> microphone.played().toMillis() >= 300);

            Duration dropped = microphone.clear();

            assertThat(drained).succeedsWithin(Duration.ofMillis(100));
            assertThat(dropped.toMillis()).isBetween(1550L, 1750L);
            assertThat(microphone.played().plus(dropped).toMillis()).isEqualTo(2000L);
            Duration playedAtClear = microphone.played();
            await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> microphone.played().equals(playedAtClear));
            assertThat(microphone.played().toMillis()).isBetween(250L, 450L); // nothing more was sent
        }
    }

    @Test
    void transcriptsAndTheAgentStateReachTheRoom() {
        StandInRoom standIn = livekit.createRoom(roomName());
        String longText = "Très bien — ".repeat(1500); // 18 000 bytes of UTF-8: two chunks, split between characters
        try (Room room = connect(standIn)) {
            room.setAttributes(Map.of("lk.agent.state", "listening"));
            room.publishTranscription(new TranscriptSegment("seg-1", standIn.callerTrackSid(), "Hello, this is", false));
            room.publishTranscription(new TranscriptSegment("seg-1", standIn.callerTrackSid(), "Hello, this is Maria.", true));
            room.setAttributes(Map.of("lk.agent.state", "speaking"));
            room.publishTranscription(new TranscriptSegment("seg-2", "TR_agent", longText, true));

            StandInSession session = standIn.sessions().getFirst();
            await().atMost(Duration.ofSeconds(5)).until(() -> session.transcripts().size() == 3);
            assertThat(session.transcripts()).containsExactly(
                    new ReceivedTranscript("agent-1", "seg-1", standIn.callerTrackSid(), "Hello, this is", false),
                    new ReceivedTranscript("agent-1", "seg-1", standIn.callerTrackSid(), "Hello, this is Maria.", true),
                    new ReceivedTranscript("agent-1", "seg-2", "TR_agent", longText, true));
            assertThat(session.attributeUpdates()).containsExactly(
                    Map.of("lk.agent.state", "listening"), Map.of("lk.agent.state", "speaking"));
            assertThat(session.attributes()).containsEntry("lk.agent.state", "speaking");
        }
    }

    @Test
    void aDeletedRoomEndsTheSession() {
        StandInRoom standIn = livekit.createRoom(roomName());
        try (Room room = connect(standIn)) {
            room.awaitCaller(Duration.ofSeconds(5)).orElseThrow();

            standIn.delete();

            assertThat(room.disconnected().toCompletableFuture())
                    .succeedsWithin(Duration.ofSeconds(5))
                    .isEqualTo(new Disconnection.ServerLeave(DisconnectReason.ROOM_DELETED.name()));
            assertThat(room.isConnected()).isFalse();
            assertThatThrownBy(() -> room.publishMicrophone(48_000)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void theCallerHangingUpIsNoticed() {
        StandInRoom standIn = livekit.createRoom(roomName());
        try (Room room = connect(standIn)) {
            RemoteParticipant caller = room.awaitCaller(Duration.ofSeconds(5)).orElseThrow();
            var left = room.left(caller.identity());
            assertThat(left).isNotDone();

            standIn.callerLeaves();

            assertThat(left).succeedsWithin(Duration.ofSeconds(5)).extracting(RemoteParticipant::identity)
                    .isEqualTo(caller.identity());
            assertThat(room.participants()).isEmpty();
            assertThat(room.isConnected()).isTrue();
            assertThat(room.left(caller.identity())).succeedsWithin(Duration.ofSeconds(1));
        }
    }

    @Test
    void closingLeavesTheRoom() {
        StandInRoom standIn = livekit.createRoom(roomName());
        Room room = connect(standIn);
        StandInSession session = standIn.sessions().getFirst();

        room.close();

        assertThat(session.clientLeave()).succeedsWithin(Duration.ofSeconds(2))
                .satisfies(leave -> assertThat(leave.getReason()).isEqualTo(DisconnectReason.CLIENT_INITIATED));
        assertThat(room.disconnected().toCompletableFuture()).isCompletedWithValue(new Disconnection.ClosedByUs());
        assertThat(session.ended()).succeedsWithin(Duration.ofSeconds(5));
    }

    @Test
    void aDroppedSignalConnectionEndsTheSession() {
        StandInRoom standIn = livekit.createRoom(roomName());
        try (Room room = connect(standIn)) {
            standIn.sessions().getFirst().dropSocket();

            assertThat(room.disconnected().toCompletableFuture()).succeedsWithin(Duration.ofSeconds(5))
                    .isInstanceOf(Disconnection.SignalLost.class);
        }
    }

    @Test
    void aServerThatStopsAnsweringPingsIsTreatedAsLost() {
        livekit.pings(1, 2);
        StandInRoom standIn;
        Room room;
        try {
            standIn = livekit.createRoom(roomName());
            room = connect(standIn);
        } finally {
            livekit.pings(5, 15);
        }
        try (room) {
            StandInSession session = standIn.sessions().getFirst();
            await().atMost(Duration.ofSeconds(3)).until(() -> session.pingsReceived() >= 1);

            session.stopResponding();

            assertThat(room.disconnected().toCompletableFuture()).succeedsWithin(Duration.ofSeconds(5))
                    .isInstanceOfSatisfying(Disconnection.SignalLost.class,
                            lost -> assertThat(lost.detail()).contains("no message"));
        }
    }

    static Room connect(StandInRoom standIn) {
        return Room.connect(media, livekit.url(), livekit.agentToken(standIn.name(), "agent-1"), RoomOptions.defaults());
    }

    static String roomName() {
        return "call-" + UUID.randomUUID();
    }

    static AudioFrame tone(double hz, int rate, double seconds) {
        short[] samples = new short[(int) (rate * seconds)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return new AudioFrame(samples, rate);
    }
}
