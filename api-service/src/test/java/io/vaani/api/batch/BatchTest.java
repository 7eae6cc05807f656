package io.vaani.api.batch;

import static io.vaani.api.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.quarkus.test.junit.QuarkusTest;
import io.vaani.api.Api;
import io.vaani.api.Api.Person;
import io.vaani.api.ApiTest;
import io.vaani.contracts.messages.BatchCommand;
import io.vaani.contracts.messages.MessageJson;
import io.vaani.contracts.messages.ScheduleRequest;
import io.vaani.contracts.topology.Exchanges;
import io.vaani.testing.TestData;
import io.vaani.testing.TestQueues;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Batch jobs through the API: a one-shot campaign and its items, with commands sent to the scheduler. */
@QuarkusTest
@ApiTest
class BatchTest {

    @Test
    void aJsonJobIsStoredWithItsOneShotCampaignAndStartedThroughTheScheduler() throws Exception {
        Person dev = Api.person("batch-dev");
        UUID workspace = Api.workspace(dev);
        UUID agent = Api.agent(workspace, dev);
        try (Connection connection = TestQueues.factory().newConnection(); Channel channel = connection.createChannel()) {
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, Exchanges.SCHEDULE, "schedule.batch");
            String id = as(dev).body(Map.of("name", "Reminders", "agentId", agent, "maxConcurrency", 3, "items", List.of(
                    Map.of("phone", "(212) 555-0101", "variables", Map.of("amount_due", "42.00")),
                    Map.of("phone", "+442079460958"), Map.of("phone", "+18005550199"))))
                    .post("/v1/workspaces/{w}/batches", workspace).then().statusCode(201)
                    .body("accepted", equalTo(3)).body("batch.status", equalTo("PENDING")).body("batch.maxConcurrency", equalTo(3))
                    .extract().path("batch.id");

            as(dev).get("/v1/workspaces/{w}/batches/{b}/items", workspace, id).then().statusCode(200).body("items", hasSize(3))
                    .body("items[0].phone", equalTo("+12125550101")).body("items[0].timezone", equalTo("America/New_York"))
                    .body("items[0].variables.amount_due", equalTo("42.00")).body("items[1].timezone", equalTo("Europe/London"))
                    .body("items[2].status", equalTo("PENDING"));
            try (TestData data = new TestData(ApiTest.DATABASE)) {
                assertThat(data.text("select c.one_shot || ' ' || c.max_concurrency || ' ' || c.status from campaigns c "
                        + "join batch_jobs j on j.campaign_id = c.id where j.id = ?", UUID.fromString(id))).isEqualTo("true 3 DRAFT");
            }
            as(dev).get("/v1/workspaces/{w}/campaigns", workspace).then().body("items", hasSize(0));

            as(dev).post("/v1/workspaces/{w}/batches/{b}/pause", workspace, id).then().statusCode(409)
                    .body("detail", containsString("pending"));
            as(dev).post("/v1/workspaces/{w}/batches/{b}/cancel", workspace, id).then().statusCode(202)
                    .body("id", equalTo(id));

            List<BatchCommand> commands = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                GetResponse got = channel.basicGet(queue, true);
                if (got != null && MessageJson.read(got.getBody(), ScheduleRequest.class) instanceof BatchCommand command
                        && command.batchJobId().toString().equals(id)) {
                    commands.add(command);
                }
                return commands.size() == 2;
            });
            assertThat(commands).extracting(BatchCommand::action).containsExactly(BatchCommand.Action.START, BatchCommand.Action.CANCEL);
            assertThat(commands.getFirst().workspaceId()).isEqualTo(workspace);
        }
    }

    @Test
    void badJobsAreRefusedWholeAndACsvJobKeepsItsGoodLines() {
        Person dev = Api.person("batch-bad");
        UUID workspace = Api.workspace(dev);
        UUID agent = Api.agent(workspace, dev);
        String batches = "/v1/workspaces/{w}/batches";
        as(dev).body(Map.of("name", "B", "agentId", agent, "maxConcurrency", 1, "items", List.of(Map.of("phone", "+14155550101"),
                Map.of("phone", "12")))).post(batches, workspace).then().statusCode(400).body("errors[0].field", equalTo("items[1].phone"));
        as(dev).body(Map.of("name", "B", "agentId", agent, "maxConcurrency", 1)).post(batches, workspace).then().statusCode(400)
                .body("errors[0].field", equalTo("items"));
        as(dev).body(Map.of("name", "B", "agentId", agent, "items", List.of(Map.of("phone", "+14155550101")))).post(batches, workspace)
                .then().statusCode(400).body("errors[0].field", equalTo("maxConcurrency"));
        as(dev).body(Map.of("name", "B", "agentId", UUID.randomUUID(), "maxConcurrency", 1, "items", List.of(Map.of("phone",
                "+14155550101")))).post(batches, workspace).then().statusCode(400).body("errors[0].field", equalTo("agentId"));
        as(dev).body(Map.of("name", "B", "agentId", agent, "maxConcurrency", 1, "defaultRegion", "ZZ", "items",
                List.of(Map.of("phone", "4155550101")))).post(batches, workspace).then().statusCode(400)
                .body("errors[0].field", equalTo("defaultRegion"));
        as(dev).get(batches, workspace).then().body("items", hasSize(0));

        String spec = "{\"name\":\"From a file\",\"agentId\":\"" + agent + "\",\"maxConcurrency\":2}";
        as(dev).contentType("multipart/form-data").multiPart("file", "numbers.csv",
                "phone,first_name,plan\n4155550102,Ada,gold\nnope,Bob,silver\n4155550103,,\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("batch", spec).post(batches + "/upload", workspace).then().statusCode(201).body("accepted", equalTo(2))
                .body("rejected", equalTo(1)).body("errors[0].line", equalTo(3));
        as(dev).contentType("multipart/form-data").multiPart("file", "numbers.csv", "phone\n4155550104\n".getBytes(), "text/csv")
                .post(batches + "/upload", workspace).then().statusCode(400).body("errors[0].field", equalTo("batch"));
        as(dev).contentType("multipart/form-data").multiPart("file", "numbers.csv", "phone\n4155550104\n".getBytes(), "text/csv")
                .multiPart("batch", "{\"name\":\"x\"}").post(batches + "/upload", workspace).then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("agentId"));
        String job = as(dev).get(batches, workspace).then().body("items", hasSize(1)).extract().path("items[0].id");
        as(dev).get(batches + "/{b}/items", workspace, job).then().body("items[0].variables.first_name", equalTo("Ada"))
                .body("items[0].variables.plan", equalTo("gold"));
    }
}
