package io.vaani.contracts.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The migrations build the whole schema on an empty database, and its rules hold. */
class MigrationsTest {
    static final String HOST = env("VAANI_TEST_HOST", "127.0.0.1");
    static final String PORT = env("VAANI_TEST_PG_PORT", "5432");
    static final String USER = env("VAANI_TEST_PG_USER", "vaani");
    static final String PASSWORD = env("VAANI_TEST_PG_PASSWORD", "vaani");
    static final String DATABASE = "vaani_test_contracts";
    static MigrateResult firstRun;

    @BeforeAll
    static void migrateEmptyDatabase() throws SQLException {
        try (Connection admin = connect("postgres"); Statement sql = admin.createStatement()) {
            sql.execute("drop database if exists " + DATABASE + " with (force)");
            sql.execute("create database " + DATABASE);
        }
        firstRun = flyway().migrate();
    }

    @Test
    void everyMigrationAppliesToAnEmptyDatabase() throws SQLException {
        assertThat(firstRun.success).isTrue();
        assertThat(firstRun.migrationsExecuted).isGreaterThanOrEqualTo(2);
        assertThat(tables()).contains("agents", "users", "workspaces", "user_workspaces", "call_logs", "sip_trunks",
                "campaigns", "batch_jobs", "batch_items", "chat_logs", "prospect_lists", "prospects", "dnc_entries",
                "hopper_entries", "callbacks", "api_keys", "campaign_stats");
        assertThat(flyway().migrate().migrationsExecuted).as("a second run has nothing to do").isZero();
    }

    @Test
    void dialerIntervalIsBoundedToTwoToFifteenSeconds() throws SQLException {
        try (Connection db = connect(DATABASE); Statement sql = db.createStatement()) {
            String agent = seedAgent(sql, "interval");
            for (int ok : new int[] { 2, 15 }) {
                sql.execute(campaign(agent, "ok-" + ok, ok));
            }
            for (int bad : new int[] { 1, 16 }) {
                assertThatThrownBy(() -> sql.execute(campaign(agent, "bad-" + bad, bad)))
                        .hasMessageContaining("dialer_interval");
            }
        }
    }

    @Test
    void aClaimAlwaysCarriesOwnerAndLease() throws SQLException {
        try (Connection db = connect(DATABASE); Statement sql = db.createStatement()) {
            String agent = seedAgent(sql, "claims");
            sql.execute(campaign(agent, "claims", 5));
            String list = value(sql, "insert into prospect_lists (workspace_id, campaign_id, name) select workspace_id, id, 'l' "
                    + "from campaigns where slug = 'claims' returning id");
            String prospect = "insert into prospects (workspace_id, campaign_id, list_id, phone, tz, status, claim_owner, lease_until) "
                    + "select workspace_id, campaign_id, id, '%s', 'America/New_York', '%s', %s, %s from prospect_lists where id = '"
                    + list + "'";
            sql.execute(prospect.formatted("+14155550101", "QUEUED", "'hopper-1'", "now() + interval '5 minutes'"));
            sql.execute(prospect.formatted("+14155550102", "NEW", "null", "null"));
            assertThatThrownBy(() -> sql.execute(prospect.formatted("+14155550103", "DIALING", "null", "null")))
                    .hasMessageContaining("check constraint");
            assertThatThrownBy(() -> sql.execute(prospect.formatted("+14155550101", "NEW", "null", "null")))
                    .as("a number appears once per campaign").hasMessageContaining("duplicate key");
            assertThatThrownBy(() -> sql.execute(prospect.formatted("4155550104", "NEW", "null", "null")))
                    .as("E.164 only").hasMessageContaining("check constraint");
        }
    }

    @Test
    void doNotCallEntriesAreUniquePerListIncludingTheGlobalOne() throws SQLException {
        try (Connection db = connect(DATABASE); Statement sql = db.createStatement()) {
            sql.execute("insert into dnc_entries (phone) values ('+14155550199')");
            sql.execute("insert into dnc_entries (phone, match) values ('+1212', 'PREFIX')");
            assertThatThrownBy(() -> sql.execute("insert into dnc_entries (phone) values ('+14155550199')"))
                    .hasMessageContaining("duplicate key");
            assertThatThrownBy(() -> sql.execute("insert into dnc_entries (phone) values ('+1212')"))
                    .as("a short number is only valid as a prefix").hasMessageContaining("check constraint");
        }
    }

    private static String seedAgent(Statement sql, String slug) throws SQLException {
        String workspace = value(sql, "insert into workspaces (slug, name) values ('" + slug + "', 'W') returning id");
        return value(sql, "insert into agents (workspace_id, name) values ('" + workspace + "', 'A') returning id");
    }

    private static String campaign(String agent, String slug, int interval) {
        return "insert into campaigns (workspace_id, agent_id, slug, name, dialer_interval) select workspace_id, id, '"
                + slug + "', 'C', " + interval + " from agents where id = '" + agent + "'";
    }

    private static String value(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static List<String> tables() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection db = connect(DATABASE); ResultSet rows = db.getMetaData().getTables(null, "public", "%",
                new String[] { "TABLE" })) {
            while (rows.next()) {
                names.add(rows.getString("TABLE_NAME"));
            }
        }
        return names;
    }

    private static Flyway flyway() {
        return Flyway.configure().dataSource(url(DATABASE), USER, PASSWORD).load();
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), USER, PASSWORD);
    }

    private static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    private static String env(String name, String fallback) {
        return Objects.requireNonNullElse(System.getenv(name), fallback);
    }
}
