package io.vaani.scheduler.lifecycle;

import io.smallrye.mutiny.Uni;
import io.vaani.contracts.amqp.RabbitConnection;
import io.vaani.contracts.messages.BatchCommand;
import io.vaani.contracts.messages.CallEvent;
import io.vaani.contracts.messages.CallbackRequest;
import io.vaani.contracts.messages.OptOutRequest;
import io.vaani.contracts.messages.RetryRequest;
import io.vaani.contracts.messages.ScheduleRequest;
import io.vaani.contracts.topology.Queues;
import io.vaani.scheduler.batch.BatchDispatcher;
import io.vaani.scheduler.callback.Callbacks;
import io.vaani.scheduler.config.SchedulerConfig;
import io.vaani.scheduler.optout.OptOutRequests;
import io.vaani.scheduler.outcome.OperatorRetries;
import io.vaani.scheduler.outcome.Outcomes;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Singleton;

/** Subscribes the scheduler's two work queues: call events, and schedule requests by kind. */
@Singleton
public class SchedulerLifecycle {
    private final Outcomes outcomes;
    private final Callbacks callbacks;
    private final OperatorRetries retries;
    private final OptOutRequests optOuts;
    private final BatchDispatcher batches;

    SchedulerLifecycle(Outcomes outcomes, Callbacks callbacks, OperatorRetries retries, OptOutRequests optOuts,
            BatchDispatcher batches) {
        this.outcomes = outcomes;
        this.callbacks = callbacks;
        this.retries = retries;
        this.optOuts = optOuts;
        this.batches = batches;
    }

    void subscribe(@Observes Startup startup, RabbitConnection rabbit, SchedulerConfig config) {
        if (!config.enabled()) {
            return;
        }
        rabbit.subscribe(Queues.SCHEDULER_CALLS, CallEvent.class, event -> outcomes.apply(event).subscribeAsCompletionStage());
        rabbit.subscribe(Queues.SCHEDULER_REQUESTS, ScheduleRequest.class, request -> handle(request).subscribeAsCompletionStage());
    }

    Uni<?> handle(ScheduleRequest request) {
        return switch (request) {
            case CallbackRequest callback -> callbacks.request(callback);
            case RetryRequest retry -> retries.request(retry);
            case OptOutRequest optOut -> optOuts.request(optOut);
            case BatchCommand command -> batches.handle(command);
        };
    }
}
