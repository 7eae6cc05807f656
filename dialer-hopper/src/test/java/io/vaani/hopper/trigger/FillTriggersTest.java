package io.vaani.hopper.trigger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vaani.contracts.amqp.RabbitConnection;
import io.vaani.contracts.domain.CampaignStatus;
import io.vaani.contracts.messages.CampaignChanged;
import io.vaani.contracts.messages.CampaignTick;
import io.vaani.hopper.status.HopperStatusStore;
import io.vaani.testing.RealServersResource;
import io.vaani.testing.TestData;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Ticks and campaign changes arriving through RabbitMQ fill and empty hoppers; status reaches Redis and Prometheus. */
@QuarkusTest
@WithTestResource(value = RealServersResource.class, initArgs = {
        @ResourceArg(name = "database", value = "vaani_test_dialer_hopper"),
        @ResourceArg(name = "redis-db", value = "3") })
class FillTriggersTest {
    @Inject
    RabbitConnection rabbit;
    @Inject
    RedisDataSource redis;

    @Test
    void aTickFillsTheHopperAndAPauseEmptiesIt() throws Exception {
        try (TestData fixture = new TestData("vaani_test_dialer_hopper")) {
            UUID campaign = fixture.campaignOpenAllDay(2); // level 48
            UUID list = fixture.list(campaign, 0, true, null);
            fixture.prospects(list, 60);
            fixture.prospect(list, "+12125550401", null); // unknown zone
            fixture.doNotCall(fixture.workspace, "+14150000001", "EXACT"); // the first generated number

            await().atMost(Duration.ofSeconds(10)).until(() -> rabbit.isOpen());
            rabbit.publish(CampaignTick.of(campaign, 1, Instant.now())).get();

            await().atMost(Duration.ofSeconds(10)).until(() -> fixture.hopper(campaign).size() == 48);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Map<String, String> status = redis.hash(String.class).hgetall(HopperStatusStore.key(campaign));
                assertThat(status).containsEntry("depth", "48").containsEntry("level", "48")
                        .containsEntry("skipped.unknown_zone", "1").containsEntry("skipped.do_not_call", "1")
                        .containsEntry("skipped.outside_window", "0");
            });
            given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("vaani_hopper_depth{campaign=\"" + campaign + "\"} 48.0"))
                    .body(containsString("vaani_hopper_skipped{campaign=\"" + campaign + "\",reason=\"unknown_zone\"} 1.0"));

            fixture.update("update campaigns set status = 'PAUSED' where id = ?", campaign);
            rabbit.publish(CampaignChanged.of(campaign, fixture.workspace, "c", CampaignStatus.PAUSED,
                    CampaignChanged.Change.STATUS, Instant.now())).get();
            await().atMost(Duration.ofSeconds(10)).until(() -> fixture.hopper(campaign).isEmpty());
            assertThat(fixture.longs("select count(*) from prospects where campaign_id = ? and status = 'QUEUED'", campaign))
                    .containsExactly(0L);
        }
    }
}
