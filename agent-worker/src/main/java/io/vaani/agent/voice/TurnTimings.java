package io.vaani.agent.voice;

import java.time.Duration;

/**
 * The time the pipeline itself adds to one answered turn, stage by stage along its critical path,
 * each stage measured from a provider's callback (or a policy deadline) to our call into the next
 * provider returning. The providers' own latency and the endpointing delay are not in it.
 *
 * @param endOfSpeech  VAD's end of speech posted, to STT told the speech ended
 * @param turn         the turn due (endpointing delay over and the last final transcript posted, whichever is
 *                     later), to the model's request sent: the loop's tick, the transcript log, the machine check
 * @param firstSentence the model's text (or finish) that completed the first sentence posted, to it pushed to TTS
 * @param firstAudio   TTS's first audio delivered, to it written to the microphone's queue
 */
record TurnTimings(Duration endOfSpeech, Duration turn, Duration firstSentence, Duration firstAudio) {

    Duration total() {
        return endOfSpeech.plus(turn).plus(firstSentence).plus(firstAudio);
    }
}
