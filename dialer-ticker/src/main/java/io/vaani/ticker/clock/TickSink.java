package io.vaani.ticker.clock;

import io.vaani.contracts.messages.CampaignTick;
import java.util.concurrent.CompletionStage;

/** Where ticks go: RabbitMQ in the service, a recorder in tests. */
@FunctionalInterface
public interface TickSink {
    CompletionStage<?> publish(CampaignTick tick);
}
