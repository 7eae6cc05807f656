package io.vaani.api.webhook;

import io.livekit.server.WebhookReceiver;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vaani.api.db.Rows;
import io.vaani.api.problem.ProblemException;
import io.vaani.contracts.amqp.RabbitConnection;
import io.vaani.contracts.livekit.CallRooms;
import io.vaani.contracts.livekit.LiveKitConfig;
import io.vaani.contracts.messages.CallEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response.Status;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import livekit.LivekitWebhook.WebhookEvent;

/**
 * LiveKit's webhooks: verified with the server SDK (the JWT signed with our API secret carries the
 * body's SHA-256), translated into call events, each delivery handled once. LiveKit retries a
 * delivery that failed, so a webhook is marked done only once its event is published.
 */
@ApplicationScoped
class LiveKitWebhooks {
    /** LiveKit retries for minutes; a day covers every retry of a delivery. */
    private static final Duration REMEMBER = Duration.ofDays(1);
    private static final String CALL = "select id, workspace_id, campaign_id, prospect_id, status, answered_at from call_logs where id = $1";

    /** What became of a delivery. */
    enum Result {
        PUBLISHED, IGNORED, DUPLICATE
    }

    private final Optional<WebhookReceiver> receiver;
    private final Pool pool;
    private final ReactiveRedisDataSource redis;
    private final RabbitConnection rabbit;

    LiveKitWebhooks(LiveKitConfig liveKit, Pool pool, ReactiveRedisDataSource redis, RabbitConnection rabbit) {
        this.receiver = liveKit.configured()
                ? Optional.of(new WebhookReceiver(liveKit.apiKey().orElseThrow(), liveKit.apiSecret().orElseThrow()))
                : Optional.empty();
        this.pool = pool;
        this.redis = redis;
        this.rabbit = rabbit;
    }

    Uni<Result> receive(String body, String authorization) {
        WebhookEvent event = verified(body, authorization);
        String seen = "vaani:webhooks:livekit:" + event.getId();
        OptionalLong call = CallRooms.callLogId(event.getRoom().getName());
        if (call.isEmpty()) {
            return Uni.createFrom().item(Result.IGNORED);
        }
        return redis.execute("SET", seen, event.getEvent(), "NX", "EX", String.valueOf(REMEMBER.toSeconds())).chain(first -> {
            if (first == null) {
                return Uni.createFrom().item(Result.DUPLICATE);
            }
            return pool.preparedQuery(CALL).execute(Tuple.of(call.getAsLong()))
                    .map(rows -> Rows.first(rows).flatMap(row -> WebhookCallEvents.of(event, call(row))))
                    .chain(translated -> translated.map(this::publish).orElse(Uni.createFrom().item(Result.IGNORED)))
                    // Not handled: forget the delivery, so that LiveKit's retry is.
                    .onFailure().call(() -> redis.execute("DEL", seen));
        });
    }

    private Uni<Result> publish(CallEvent event) {
        Uni<Void> send = Uni.createFrom().completionStage(() -> rabbit.publishRetrying(event));
        if (!event.finalEvent()) {
            return send.replaceWith(Result.PUBLISHED);
        }
        List<String> take = CallEvent.takeFinalGuard(event);
        return redis.execute(take.getFirst(), take.subList(1, take.size()).toArray(String[]::new))
                .chain(first -> first == null ? Uni.createFrom().item(Result.IGNORED) // the agent or the dialer told it first
                        : send.onFailure().call(() -> redis.execute("DEL", take.get(1))).replaceWith(Result.PUBLISHED));
    }

    private WebhookEvent verified(String body, String authorization) {
        WebhookReceiver verifier = receiver.orElseThrow(() -> ProblemException.of(Status.SERVICE_UNAVAILABLE,
                "LiveKit is not configured (LIVEKIT_API_KEY, LIVEKIT_API_SECRET): webhooks cannot be verified"));
        if (authorization == null || authorization.isBlank()) {
            throw ProblemException.unauthorized("no Authorization header: LiveKit signs each webhook");
        }
        try {
            return verifier.receive(body, authorization.replaceFirst("^Bearer ", ""));
        } catch (RuntimeException e) {
            Log.warnf("LiveKit webhook refused: %s", e.getMessage());
            throw ProblemException.unauthorized("the webhook's signature does not verify with this API key");
        }
    }

    private static WebhookCallEvents.Call call(Row row) {
        return new WebhookCallEvents.Call(row.getLong("id"), row.getUUID("workspace_id"), row.getUUID("campaign_id"),
                row.getLong("prospect_id") == null ? 0 : row.getLong("prospect_id"), row.getString("status"),
                Rows.instant(row, "answered_at"));
    }
}
