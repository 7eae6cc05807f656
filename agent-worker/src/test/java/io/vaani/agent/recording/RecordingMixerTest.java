package io.vaani.agent.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaani.agent.recording.RecordingMixer.Side;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The timeline rules, sample by sample, at 16 kHz (160 samples = 10 ms, 320 = a frame). */
class RecordingMixerTest {
    private short[] mixed = new short[0];
    private final RecordingMixer mixer = new RecordingMixer(frame -> {
        int at = mixed.length;
        mixed = Arrays.copyOf(mixed, at + frame.length);
        System.arraycopy(frame, 0, mixed, at, frame.length);
    });

    private static short[] constant(int value, int length) {
        short[] samples = new short[length];
        Arrays.fill(samples, (short) value);
        return samples;
    }

    @Test
    void overlappingSidesSaturateInsteadOfWrappingAround() throws Exception {
        mixer.add(Side.CALLER, constant(30_000, 320), 0, 320, 0);
        mixer.add(Side.AGENT, constant(10_000, 320), 0, 320, 0);
        mixer.add(Side.CALLER, constant(-30_000, 320), 0, 320, 320);
        mixer.add(Side.AGENT, constant(-10_000, 320), 0, 320, 320);
        mixer.add(Side.CALLER, constant(20_000, 320), 0, 320, 640);
        mixer.add(Side.AGENT, constant(-5_000, 320), 0, 320, 640);

        assertThat(mixer.finish()).isEqualTo(960);
        assertThat(Arrays.copyOfRange(mixed, 0, 320)).containsOnly(Short.MAX_VALUE);
        assertThat(Arrays.copyOfRange(mixed, 320, 640)).containsOnly(Short.MIN_VALUE);
        assertThat(Arrays.copyOfRange(mixed, 640, 960)).containsOnly((short) 15_000);
    }

    @Test
    void jitteryFramesOfOneBurstStayContiguous() throws Exception {
        // 10 ms frames arriving up to 70 ms late or early
        long[] arrivals = {0, 1_100, 1_200, 1_250, 1_300, 700, 1_900};
        for (int i = 0; i < arrivals.length; i++) {
            mixer.add(Side.CALLER, constant(i + 1, 160), 0, 160, arrivals[i]);
        }

        assertThat(mixer.finish()).isEqualTo(7 * 160);
        for (int i = 0; i < arrivals.length; i++) {
            assertThat(Arrays.copyOfRange(mixed, i * 160, (i + 1) * 160)).containsOnly((short) (i + 1));
        }
    }

    @Test
    void aFrameAfterAPauseStartsWhereItArrived() throws Exception {
        mixer.add(Side.AGENT, constant(5, 160), 0, 160, 0);
        mixer.add(Side.AGENT, constant(6, 160), 0, 160, 160 + RecordingMixer.GAP + 1);

        assertThat(mixer.finish()).isEqualTo(320 + RecordingMixer.GAP + 1);
        assertThat(Arrays.copyOfRange(mixed, 0, 160)).containsOnly((short) 5);
        assertThat(Arrays.copyOfRange(mixed, 160, 161 + RecordingMixer.GAP)).containsOnly((short) 0);
        assertThat(Arrays.copyOfRange(mixed, 161 + RecordingMixer.GAP, 321 + RecordingMixer.GAP)).containsOnly((short) 6);
    }

    @Test
    void audioWaitsForLateFramesThenGoesOut() throws Exception {
        mixer.add(Side.CALLER, constant(1, 320), 0, 320, 0);
        mixer.advance(320 + RecordingMixer.LATENCY - 1);
        assertThat(mixed).isEmpty();

        mixer.add(Side.AGENT, constant(2, 320), 0, 320, 0);
        mixer.advance(320 + RecordingMixer.LATENCY);
        assertThat(mixed).hasSize(320).containsOnly((short) 3);

        // too late for what has gone: placed at the first moment still open
        mixer.advance(5 * 320 + RecordingMixer.LATENCY);
        mixer.add(Side.AGENT, constant(4, 160), 0, 160, 400);
        assertThat(mixer.finish()).isEqualTo(1_760);
        assertThat(Arrays.copyOfRange(mixed, 320, 1_600)).containsOnly((short) 0);
        assertThat(Arrays.copyOfRange(mixed, 1_600, 1_760)).containsOnly((short) 4);
    }

    @Test
    void aSideFedFasterThanRealTimePushesTheMixOutInsteadOfGrowingIt() throws Exception {
        // ten seconds handed over at one instant
        for (int i = 0; i < 1_000; i++) {
            mixer.add(Side.CALLER, constant(7, 160), 0, 160, 0);
        }

        assertThat(mixed.length).isGreaterThan(160_000 - (1 << 15) - 320);
        assertThat(mixer.finish()).isEqualTo(160_000);
        assertThat(mixed).hasSize(160_000).containsOnly((short) 7);
    }

    @Test
    void silenceOfBothSidesGoesOutAsTimePasses() throws Exception {
        mixer.advance(3 * 16_000);

        assertThat(mixed).hasSize(2 * 16_000).containsOnly((short) 0);
        mixer.add(Side.CALLER, constant(9, 160), 0, 160, 3 * 16_000);
        assertThat(mixer.finish()).isEqualTo(3 * 16_000 + 160);
        assertThat(Arrays.copyOfRange(mixed, 3 * 16_000, 3 * 16_000 + 160)).containsOnly((short) 9);
    }
}
