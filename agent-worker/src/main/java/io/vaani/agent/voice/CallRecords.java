package io.vaani.agent.voice;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vaani.contracts.agent.AgentJobMetadata;
import io.vaani.contracts.amqp.RabbitConnection;
import io.vaani.contracts.messages.CallEnded;
import io.vaani.contracts.messages.CallEvent;
import io.vaani.contracts.messages.CallRecord;
import java.time.Duration;
import java.util.List;

/**
 * Publishes what became of a conversation: its outcome as the call's final event (unless another
 * publisher settled the call first, see {@link CallEvent#takeFinalGuard}), and its transcript,
 * figures and recording for dialer-core to store.
 */
public class CallRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RabbitConnection rabbit;
    private final RedisDataSource redis;

    public CallRecords(RabbitConnection rabbit, RedisDataSource redis) {
        this.rabbit = rabbit;
        this.redis = redis;
    }

    /** Publishes the outcome; false when the call already had one. */
    boolean ended(AgentJobMetadata call, VoiceSession.Result result) {
        CallEnded ended = new CallEnded(CallEvent.VERSION, call.callLogId(), call.workspaceId(), call.campaignId(), call.prospectId(),
                result.endedAt(), result.outcome(), null, talkSeconds(result),
                result.disposition());
        List<String> take = CallEvent.takeFinalGuard(ended);
        if (redis.execute(take.getFirst(), take.subList(1, take.size()).toArray(String[]::new)) == null) {
            return false;
        }
        try {
            rabbit.publish(ended).join();
            return true;
        } catch (RuntimeException e) {
            redis.execute("DEL", take.get(1)); // let another publisher settle the call
            throw e;
        }
    }

    private static long talkSeconds(VoiceSession.Result result) {
        return Math.round(Duration.between(result.startedAt(), result.endedAt()).toMillis() / 1000.0);
    }

    void record(AgentJobMetadata call, VoiceSession.Result result, String recordingKey) {
        ObjectNode metrics = JSON.createObjectNode().put("turns", result.log().spokenTurns())
                .put("talkSeconds", talkSeconds(result));
        rabbit.publish(new CallRecord(CallRecord.VERSION, call.callLogId(), call.workspaceId(), call.agentId(), result.log().turns(),
                metrics, recordingKey, result.endedAt())).join();
    }
}
