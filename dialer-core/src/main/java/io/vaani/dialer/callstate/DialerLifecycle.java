package io.vaani.dialer.callstate;

import io.vaani.contracts.amqp.RabbitConnection;
import io.vaani.contracts.messages.CallEvent;
import io.vaani.contracts.messages.CallRecord;
import io.vaani.contracts.messages.CampaignTick;
import io.vaani.contracts.topology.Queues;
import io.vaani.dialer.callrecord.CallRecords;
import io.vaani.dialer.config.DialerConfig;
import io.vaani.dialer.dialing.TickDialer;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Singleton;

/** Consumes ticks, call events and call records (competing consumers across replicas) once the application has started. */
@Singleton
public class DialerLifecycle {
    void subscribe(@Observes Startup startup, RabbitConnection rabbit, DialerConfig config, TickDialer dialer, CallStates states,
            CallRecords records) {
        if (!config.enabled()) {
            return;
        }
        rabbit.subscribe(Queues.DIALER_TICKS, CampaignTick.class, tick -> dialer.onTick(tick).subscribeAsCompletionStage());
        rabbit.subscribe(Queues.DIALER_CALLS, CallEvent.class, event -> states.apply(event).subscribeAsCompletionStage());
        rabbit.subscribe(Queues.DIALER_CALL_RECORDS, CallRecord.class, record -> records.save(record).subscribeAsCompletionStage());
    }
}
