package io.vaani.ticker.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vaani.contracts.amqp.RabbitConnection;
import io.vaani.contracts.domain.CampaignStatus;
import io.vaani.contracts.messages.CampaignChanged;
import io.vaani.contracts.messages.CampaignTick;
import io.vaani.contracts.topology.Exchanges;
import io.vaani.testing.TestDatabase;
import io.vaani.testing.RealServersResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The service ticks running campaigns through RabbitMQ at their interval, follows changes, stops on pause. */
@QuarkusTest
@WithTestResource(value = RealServersResource.class, initArgs = {
        @ResourceArg(name = "database", value = "vaani_test_dialer_ticker"),
        @ResourceArg(name = "redis-db", value = "2") })
class TickCadenceTest {
    static final Duration TOLERANCE = Duration.ofMillis(300);

    @Inject
    RabbitConnection rabbit;

    @Test
    void ticksAtTheCampaignsIntervalFollowChangesAndStopOnPause() throws Exception {
        try (Connection db = TestDatabase.connect("vaani_test_dialer_ticker")) {
            UUID workspace = insert(db, "insert into workspaces (slug, name) values ('w-" + UUID.randomUUID().toString().substring(0, 8)
                    + "', 'W') returning id");
            UUID agent = insert(db, "insert into agents (workspace_id, name) values ('" + workspace + "', 'A') returning id");
            UUID campaign = insert(db, "insert into campaigns (workspace_id, agent_id, slug, name, status, dialer_interval) "
                    + "values ('" + workspace + "', '" + agent + "', 'cadence', 'C', 'DRAFT', 2) returning id");
            List<CampaignTick> ticks = new CopyOnWriteArrayList<>();
            rabbit.subscribeEach(Exchanges.TICKS, "campaign." + campaign, CampaignTick.class, tick -> {
                ticks.add(tick);
                return CompletableFuture.completedFuture(null);
            });

            db.createStatement().execute("update campaigns set status = 'RUNNING' where id = '" + campaign + "'");
            await().atMost(Duration.ofSeconds(15)).until(() -> ticks.size() >= 4);
            assertCadence(ticks.subList(0, 4), Duration.ofSeconds(2));

            db.createStatement().execute("update campaigns set dialer_interval = 3 where id = '" + campaign + "'");
            rabbit.publish(CampaignChanged.of(campaign, workspace, "cadence", CampaignStatus.RUNNING,
                    CampaignChanged.Change.UPDATED, Instant.now())).get();
            int changedAt = ticks.size();
            await().atMost(Duration.ofSeconds(15)).until(() -> ticks.size() >= changedAt + 3);
            assertCadence(ticks.subList(changedAt, changedAt + 3), Duration.ofSeconds(3));

            // Paused without an event: the next round (1 s) still notices, before the next tick is due.
            db.createStatement().execute("update campaigns set status = 'PAUSED' where id = '" + campaign + "'");
            Instant paused = Instant.now();
            await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5)).until(() -> true);
            assertThat(ticks).noneMatch(t -> t.at().isAfter(paused.plusMillis(1_300)));
        }
    }

    private static void assertCadence(List<CampaignTick> ticks, Duration interval) {
        for (int i = 1; i < ticks.size(); i++) {
            assertThat(ticks.get(i).seq()).isEqualTo(ticks.get(i - 1).seq() + 1);
            Duration gap = Duration.between(ticks.get(i - 1).at(), ticks.get(i).at());
            assertThat(gap).as("gap %d", i).isBetween(interval.minus(TOLERANCE), interval.plus(TOLERANCE));
        }
    }

    private static UUID insert(Connection db, String sql) throws Exception {
        try (ResultSet row = db.createStatement().executeQuery(sql)) {
            row.next();
            return row.getObject(1, UUID.class);
        }
    }
}
