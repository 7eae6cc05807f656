package io.vaani.hopper.fill;

import java.sql.SQLException;
import java.util.UUID;

/** The fill fixture for tests in other packages of the hopper. */
public final class FixtureAccess implements AutoCloseable {
    private final Fixture fixture;

    private FixtureAccess(Fixture fixture) {
        this.fixture = fixture;
    }

    public static FixtureAccess open(String database) throws SQLException {
        return new FixtureAccess(new Fixture(database));
    }

    public UUID workspace() {
        return fixture.workspace;
    }

    public UUID campaignOpenAllDay(int maxConcurrency) throws SQLException {
        return fixture.campaignOpenAllDay(maxConcurrency);
    }

    public UUID list(UUID campaign) throws SQLException {
        return fixture.list(campaign, 0, true, null);
    }

    public void prospects(UUID list, int count) throws SQLException {
        fixture.prospects(list, count);
    }

    public void unknownZone(UUID list, String phone) throws SQLException {
        fixture.prospect(list, phone, null);
    }

    /** An exact workspace entry for a number {@link #prospects} created. */
    public void doNotCall(String phone) throws SQLException {
        fixture.doNotCall(fixture.workspace, phone, "EXACT");
    }

    public void pause(UUID campaign) throws SQLException {
        fixture.update("update campaigns set status = 'PAUSED' where id = ?", campaign);
    }

    public long hopperDepth(UUID campaign) throws SQLException {
        return fixture.hopper(campaign).size();
    }

    public long queuedProspects(UUID campaign) throws SQLException {
        return fixture.longs("select count(*) from prospects where campaign_id = ? and status = 'QUEUED'", campaign).getFirst();
    }

    @Override
    public void close() throws SQLException {
        fixture.close();
    }
}
