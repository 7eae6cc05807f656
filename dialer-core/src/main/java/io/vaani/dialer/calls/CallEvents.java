package io.vaani.dialer.calls;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vaani.contracts.amqp.RabbitConnection;
import io.vaani.contracts.domain.CallOutcome;
import io.vaani.contracts.messages.CallAnswered;
import io.vaani.contracts.messages.CallEnded;
import io.vaani.contracts.messages.CallEvent;
import io.vaani.contracts.messages.CallFailed;
import io.vaani.contracts.messages.CallOriginated;
import io.vaani.contracts.messages.CallRinging;
import io.vaani.dialer.origination.ClaimedCall;
import io.vaani.dialer.telephony.OutboundCall;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Publishes the progress of calls on {@code vaani.calls}, each confirmed by the broker. */
@Singleton
public class CallEvents {
    private final RabbitConnection rabbit;
    private final ReactiveRedisDataSource redis;
    private final Clock clock;

    CallEvents(RabbitConnection rabbit, ReactiveRedisDataSource redis, Clock clock) {
        this.rabbit = rabbit;
        this.redis = redis;
        this.clock = clock;
    }

    public Uni<Void> originated(OutboundCall outbound) {
        ClaimedCall c = outbound.call();
        return publish(new CallOriginated(CallEvent.VERSION, c.callLogId(), c.workspaceId(), c.campaignId(), c.prospectId(),
                clock.instant(), c.phone(), outbound.plan().telephony(), c.roomName()));
    }

    public Uni<Void> ringing(ClaimedCall c) {
        return publish(new CallRinging(CallEvent.VERSION, c.callLogId(), c.workspaceId(), c.campaignId(), c.prospectId(),
                clock.instant()));
    }

    public Uni<Void> answered(ClaimedCall c) {
        return publish(new CallAnswered(CallEvent.VERSION, c.callLogId(), c.workspaceId(), c.campaignId(), c.prospectId(),
                clock.instant()));
    }

    public Uni<Void> ended(ClaimedCall c, CallOutcome outcome, Duration talk, String disposition) {
        return publish(new CallEnded(CallEvent.VERSION, c.callLogId(), c.workspaceId(), c.campaignId(), c.prospectId(),
                clock.instant(), outcome, null, talk.toSeconds(), disposition));
    }

    public Uni<Void> failed(ClaimedCall c, CallOutcome outcome, Integer sipStatus, String reason) {
        return publish(new CallFailed(CallEvent.VERSION, c.callLogId(), c.workspaceId(), c.campaignId(), c.prospectId(),
                clock.instant(), outcome, sipStatus, reason));
    }

    /**
     * Publishes, retrying through a short broker outage. Of the final events of one call (the
     * agent's, the reaper's, ...) only the first is published: a Redis guard makes the outcome
     * one event on {@code vaani.calls}. A call whose event is lost for good is settled by its lease.
     */
    public Uni<Void> publish(CallEvent event) {
        Uni<Void> send = Uni.createFrom().completionStage(() -> rabbit.publishRetrying(event));
        if (!event.finalEvent()) {
            return send;
        }
        List<String> take = CallEvent.takeFinalGuard(event);
        return redis.execute(take.getFirst(), take.subList(1, take.size()).toArray(String[]::new))
                .chain(first -> first == null ? Uni.createFrom().voidItem()
                        // Should it fail for good, the guard goes so that the reaper's failure can still be told.
                        : send.onFailure().call(() -> redis.execute("DEL", take.get(1))));
    }
}
