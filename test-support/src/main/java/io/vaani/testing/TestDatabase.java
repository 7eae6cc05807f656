package io.vaani.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.postgresql.Driver;

/** A module's own test database, created empty and migrated with the contracts' migrations. */
public final class TestDatabase {
    private TestDatabase() {
    }

    /**
     * Opens a connection to {@code database}. Through the driver itself: DriverManager refuses a
     * driver loaded by another class loader, which is what a Quarkus test restart makes.
     */
    public static Connection connect(String database) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", RealServers.PG_USER);
        credentials.setProperty("password", RealServers.PG_PASSWORD);
        return new Driver().connect(RealServers.jdbcUrl(database), credentials);
    }

    /** Drops and recreates {@code name}, then applies every migration; returns its JDBC URL. */
    public static String recreate(String name) {
        if (!name.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("database name must be [a-z0-9_]+: " + name);
        }
        try (Connection admin = connect("postgres"); Statement sql = admin.createStatement()) {
            sql.execute("drop database if exists " + name + " with (force)");
            sql.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot recreate test database " + name
                    + " (is PostgreSQL up with the role vaani? run deploy/local/infra.sh up)", e);
        }
        String url = RealServers.jdbcUrl(name);
        Flyway.configure()
                .dataSource(url, RealServers.PG_USER, RealServers.PG_PASSWORD)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return url;
    }
}
