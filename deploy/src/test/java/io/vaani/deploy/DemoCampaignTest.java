package io.vaani.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaani.deploy.demo.DemoCampaign;
import io.vaani.deploy.demo.DemoCampaign.Summary;
import io.vaani.testing.RealServers;
import io.vaani.testing.TestData;
import io.vaani.testing.TestDatabase;
import io.vaani.testing.TestQueues;
import io.vaani.testing.TestRedis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * run.sh's demo, headless and small: the five services as packaged, the demo driving them through
 * the public API only; its summary must be what the database holds.
 */
class DemoCampaignTest {
    static final String DATABASE = "vaani_test_demo";
    static final int REDIS_DB = 9;
    static final String KEY = "vk_test-demo-superuser-key-000000001";
    static final List<ServiceProcess> services = new ArrayList<>();
    static String api;

    @BeforeAll
    static void suite() throws Exception {
        TestDatabase.recreate(DATABASE);
        TestRedis.flush(REDIS_DB);
        TestQueues.purgeAll();
        ServiceProcess apiService = ServiceProcess.start("api-service", "demo-api", DATABASE, REDIS_DB, Map.of(
                "quarkus.datasource.jdbc.url", RealServers.jdbcUrl(DATABASE),
                "vaani.api.bootstrap.api-key", KEY));
        services.add(apiService);
        Matcher port = Pattern.compile("Listening on: http://[^:]+:(\\d+)").matcher(Files.readString(apiService.log()));
        assertThat(port.find()).as("api-service says its port in %s", apiService.log()).isTrue();
        api = "http://127.0.0.1:" + port.group(1);
        services.add(ServiceProcess.start("dialer-ticker", "demo-ticker", DATABASE, REDIS_DB, Map.of()));
        services.add(ServiceProcess.start("dialer-hopper", "demo-hopper", DATABASE, REDIS_DB, Map.of()));
        services.add(ServiceProcess.start("dialer-core", "demo-dialer", DATABASE, REDIS_DB, Map.of("vaani.dialer.simulator.speed", "60")));
        services.add(ServiceProcess.start("scheduler-service", "demo-scheduler", DATABASE, REDIS_DB, Map.of()));
    }

    @AfterAll
    static void stop() {
        services.forEach(ServiceProcess::close);
    }

    @Test
    void theDemoSummaryIsWhatTheDatabaseHolds() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        DemoCampaign demo = new DemoCampaign(new DemoCampaign.Options(api, KEY, 150, Duration.ofSeconds(240), false, 42),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        Summary summary = demo.run();

        assertThat(summary.finished()).as("finished before the timeout:%n%s", printed).isTrue();
        try (TestData data = new TestData(DATABASE)) {
            assertThat(summary.accepted() + summary.rejected()).isEqualTo(150);
            assertThat(summary.rejected()).isPositive();
            assertThat(summary.accepted()).isEqualTo(data.count("select count(*) from prospects where campaign_id = ?", summary.campaign()));
            assertThat(summary.callsPlaced()).isPositive()
                    .isEqualTo(data.count("select count(*) from call_logs where campaign_id = ?", summary.campaign()));
            assertThat(summary.outcomes()).isEqualTo(groups(data, "select coalesce(outcome, 'IN_PROGRESS'), count(*) from call_logs "
                    + "where campaign_id = ? group by 1", summary));
            assertThat(summary.prospects()).isEqualTo(groups(data, "select status, count(*) from prospects where campaign_id = ? group by 1",
                    summary));
            assertThat(summary.answered()).isEqualTo(data.count("select coalesce(sum(answered), 0) from campaign_stats where campaign_id = ?",
                    summary.campaign()));
            assertThat(summary.abandoned()).isEqualTo(data.count("select coalesce(sum(abandoned), 0) from campaign_stats "
                    + "where campaign_id = ?", summary.campaign()));
            assertThat(summary.doNotCallListed()).isPositive()
                    .isEqualTo(data.count("select count(*) from dnc_entries where workspace_id = ?", summary.workspace()));
            assertThat(data.count("select count(*) from call_logs c join dnc_entries d on d.phone = c.phone and d.workspace_id = c.workspace_id "
                    + "where c.campaign_id = ?", summary.campaign())).as("calls to numbers on the DNC list").isZero();
            assertThat(data.count("select count(*) from prospects where campaign_id = ? and status in ('QUEUED', 'DIALING', 'ANSWERED', "
                    + "'RETRY_WAIT', 'CALLBACK')", summary.campaign())).as("prospects still in flight").isZero();
        }
        demo.print(summary);
        System.out.print(printed.toString(StandardCharsets.UTF_8));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Campaign finished", "calls placed: " + summary.callsPlaced(),
                "abandon rate", "Swagger UI");
    }

    private static Map<String, Long> groups(TestData data, String sql, Summary summary) throws Exception {
        Map<String, Long> groups = new TreeMap<>();
        try (var statement = data.db.prepareStatement(sql)) {
            statement.setObject(1, summary.campaign());
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    groups.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return groups;
    }
}
