package io.vaani.dialer.calls;

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

/** Publishes the progress of calls on {@code vaani.calls}, each confirmed by the broker. */
@Singleton
public class CallEvents {
    private final RabbitConnection rabbit;
    private final Clock clock;

    CallEvents(RabbitConnection rabbit, Clock clock) {
        this.rabbit = rabbit;
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

    /** Retries through a short broker outage; a call whose event is lost for good is settled by its lease expiring. */
    public Uni<Void> publish(CallEvent event) {
        return Uni.createFrom().completionStage(() -> rabbit.publish(event))
                .onFailure().retry().withBackOff(Duration.ofMillis(250), Duration.ofSeconds(5)).atMost(10);
    }
}
