package io.vaani.contracts.messages;

/**
 * A message of the pipeline. Each knows its own identity and route, so a publisher needs nothing
 * but the message. The JSON carries {@code version}; a consumer rejects versions it does not know.
 */
public sealed interface Message permits CampaignTick, CampaignChanged, CallEvent, CallRecord, ScheduleRequest {

    /** Stable id for idempotent handling: the same fact always has the same id. */
    String messageId();

    String exchange();

    String routingKey();

    int version();
}
