package io.vaani.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Builds workspaces, agents, campaigns, lists, prospects and DNC entries in a test database over
 * JDBC: each instance makes a workspace of its own, so tests sharing a database do not meet.
 */
public final class TestData implements AutoCloseable {
    public static final String EVERY_DAY_9_TO_20 = "{\"1\":{\"start\":\"09:00\",\"end\":\"20:00\"},\"2\":{\"start\":\"09:00\",\"end\":\"20:00\"},"
            + "\"3\":{\"start\":\"09:00\",\"end\":\"20:00\"},\"4\":{\"start\":\"09:00\",\"end\":\"20:00\"},"
            + "\"5\":{\"start\":\"09:00\",\"end\":\"20:00\"},\"6\":{\"start\":\"09:00\",\"end\":\"20:00\"},"
            + "\"7\":{\"start\":\"09:00\",\"end\":\"20:00\"}}";

    public final Connection db;
    public final UUID workspace;
    public final UUID agent;

    public TestData(String database) throws SQLException {
        db = TestDatabase.connect(database);
        workspace = uuid("insert into workspaces (slug, name) values (?, 'W') returning id", "w-" + shortId());
        agent = uuid("insert into agents (workspace_id, name) values (?, 'Agent') returning id", workspace);
    }

    public UUID campaign(String status, String leadOrder, int maxAttempts, int maxConcurrency, int hopperMin) throws SQLException {
        return campaign(status, leadOrder, maxAttempts, maxConcurrency, hopperMin, EVERY_DAY_9_TO_20, "US");
    }

    /** A campaign that may call at any hour (compliance profile NONE), for tests that run on the real clock. */
    public UUID campaignOpenAllDay(int maxConcurrency) throws SQLException {
        StringBuilder window = new StringBuilder("{");
        for (int day = 1; day <= 7; day++) {
            window.append(day > 1 ? "," : "").append("\"").append(day).append("\":{\"start\":\"00:00\",\"end\":\"24:00\"}");
        }
        return campaign("RUNNING", "OLDEST_FIRST", 3, maxConcurrency, 0, window.append("}").toString(), "NONE");
    }

    public UUID campaign(String status, String leadOrder, int maxAttempts, int maxConcurrency, int hopperMin, String window,
            String profile) throws SQLException {
        return uuid("insert into campaigns (workspace_id, agent_id, slug, name, status, calling_window, compliance_profile, "
                + "lead_order, max_attempts, max_concurrency, hopper_min, dialer_interval) "
                + "values (?, ?, ?, 'C', ?, ?::jsonb, ?, ?, ?, ?, ?, 5) returning id", workspace, agent, "c-" + shortId(),
                status, window, profile, leadOrder, maxAttempts, maxConcurrency, hopperMin);
    }

    public UUID list(UUID campaign, int priority, boolean active, String expiresAt) throws SQLException {
        return uuid("insert into prospect_lists (workspace_id, campaign_id, name, priority, active, expires_at) "
                + "values (?, ?, 'L', ?, ?, ?::timestamptz) returning id", workspace, campaign, priority, active, expiresAt);
    }

    /** A prospect; {@code due} is an SQL expression for next_attempt_at, e.g. "now() - interval '1 hour'". */
    public long prospect(UUID list, String phone, String tz, String status, int attempts, String due, String expiresAt)
            throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("insert into prospects (workspace_id, campaign_id, list_id, phone, "
                + "tz, status, attempts, next_attempt_at, expires_at) select workspace_id, campaign_id, id, ?, ?, ?, ?, "
                + due + ", ?::timestamptz from prospect_lists where id = ? returning id")) {
            bind(insert, phone, tz, status, attempts, expiresAt, list);
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    public long prospect(UUID list, String phone, String tz) throws SQLException {
        return prospect(list, phone, tz, "NEW", 0, "now() - interval '1 minute'", null);
    }

    /** Many NEW prospects in one statement: +1415 then n in seven digits (+14150000001, ...), in New York. */
    public void prospects(UUID list, int count) throws SQLException {
        update("insert into prospects (workspace_id, campaign_id, list_id, phone, tz) select workspace_id, campaign_id, id, "
                + "'+1415' || lpad(n::text, 7, '0'), 'America/New_York' from prospect_lists, generate_series(1, ?) n where id = ?",
                count, list);
    }

    /** Queues every NEW prospect of the campaign as the hopper would: QUEUED under a lease, one entry each, in id order. */
    public int queueAll(UUID campaign) throws SQLException {
        return update("with queued as (update prospects set status = 'QUEUED', claim_owner = 'hopper', "
                + "lease_until = now() + interval '1 hour' where campaign_id = ? and status = 'NEW' returning id, campaign_id, tz) "
                + "insert into hopper_entries (campaign_id, prospect_id, list_priority, callback, tz) "
                + "select campaign_id, id, 0, false, coalesce(tz, 'UTC') from queued order by id", campaign);
    }

    public void doNotCall(UUID workspaceOrNull, String phone, String match) throws SQLException {
        update("insert into dnc_entries (workspace_id, phone, match) values (?, ?, ?)", workspaceOrNull, phone, match);
    }

    /** Prospect ids in the campaign's hopper, in dial order. */
    public List<Long> hopper(UUID campaign) throws SQLException {
        return longs("select prospect_id from hopper_entries where campaign_id = ? order by list_priority desc, callback desc, id",
                campaign);
    }

    public String status(long prospect) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("select status || ' ' || coalesce(claim_owner, '-') from prospects where id = ?")) {
            query.setLong(1, prospect);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    public List<Long> longs(String sql, Object... args) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            bind(query, args);
            List<Long> values = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getLong(1));
                }
            }
            return values;
        }
    }

    public int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            bind(statement, args);
            return statement.executeUpdate();
        }
    }

    /** The first column of the first row, as a UUID. */
    public UUID uuid(String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            bind(statement, args);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getObject(1, UUID.class);
            }
        }
    }

    /** The first column of the first row as text, null when there is no row. */
    public String text(String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            bind(statement, args);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    /** The single number a query answers, such as a count. */
    public long count(String sql, Object... args) throws SQLException {
        return longs(sql, args).getFirst();
    }

    private static void bind(PreparedStatement statement, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
