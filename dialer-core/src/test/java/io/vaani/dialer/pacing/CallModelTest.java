package io.vaani.dialer.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The call model measured from campaign_stats sums, and the chances it gives. */
class CallModelTest {
    static final CallModel MODEL = PacerTest.MODEL;

    @Test
    void measuresAnswerRateDelaysAndTalkFromSums() {
        // 1000 placed, 300 answered with delays uniform over 5–30 s (mean 17.5, variance 625/12), talk log mean 4.3, sd 0.5.
        double delayMean = 17.5;
        double delayVariance = 625.0 / 12;
        double logMean = 4.3;
        CallModel.Sample sample = new CallModel.Sample(1000, 300, 300 * delayMean, 300 * (delayVariance + delayMean * delayMean),
                280, 280 * logMean, 280 * (0.25 + logMean * logMean));
        CallModel model = CallModel.measured(sample, 45, 600).orElseThrow();
        assertThat(model.answerRate()).isCloseTo(0.3, within(1e-9));
        assertThat(model.answerDelayMin()).isCloseTo(5, within(1e-6));
        assertThat(model.answerDelayMax()).isCloseTo(30, within(1e-6));
        assertThat(model.talkMu()).isCloseTo(4.3, within(1e-9));
        assertThat(model.talkSigma()).isCloseTo(0.5, within(1e-9));
        assertThat(model.ringTimeout()).isEqualTo(45);
    }

    @Test
    void needsEnoughCallsToBeTrusted() {
        CallModel.Sample few = new CallModel.Sample(100, CallModel.MIN_SAMPLE - 1, 500, 10_000, 40, 160, 700);
        assertThat(CallModel.measured(few, 30, 600)).isEmpty();
    }

    @Test
    void answerDelaysStayWithinTheRingTimeout() {
        CallModel.Sample wide = new CallModel.Sample(1000, 300, 300 * 20, 300 * (400 + 400), 300, 300 * 4.5, 300 * 20.5);
        assertThat(CallModel.measured(wide, 30, 600).orElseThrow().answerDelayMax()).isEqualTo(30);
    }

    @Test
    void conversationsEndByTheLongestAllowed() {
        CallModel capped = new CallModel(0.3, 5, 30, 30, Math.log(90), 0.5, 120);
        assertThat(capped.endsWithin(100, 25)).isEqualTo(1.0);
        assertThat(capped.endsWithin(10, 5)).isLessThan(0.05);
    }

    @Test
    void olderConversationsAreMoreLikelyToEndSoon() {
        assertThat(MODEL.endsWithin(150, 15)).isGreaterThan(MODEL.endsWithin(10, 15));
        assertThat(MODEL.endsWithin(0, 1e9)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void ringingCallsLoseTheirChanceAsTheyRing() {
        // Just placed: 30% answer within 30 s. Unanswered after 20 s: the answered ones left are those with delays of 20–30 s.
        assertThat(MODEL.answeredWithin(0, 30)).isCloseTo(0.3, within(1e-9));
        double left = 0.3 * 10 / 25;
        assertThat(MODEL.answeredWithin(20, 30)).isCloseTo(left / (left + 0.7), within(1e-9));
        assertThat(MODEL.answeredWithin(30, 30)).isZero();
        assertThat(MODEL.answeredWithin(2, 2)).isZero();
    }

    @Test
    void normalCdfIsAccurate() {
        assertThat(Normal.cdf(0)).isCloseTo(0.5, within(1e-7));
        assertThat(Normal.cdf(1.96)).isCloseTo(0.9750021, within(1e-6));
        assertThat(Normal.cdf(-1.6448536)).isCloseTo(0.05, within(1e-6));
    }
}
