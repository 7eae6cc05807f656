package io.vaani.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/** A module's own test database, created empty and migrated with the contracts' migrations. */
public final class TestDatabase {
    private TestDatabase() {
    }

    /** Drops and recreates {@code name}, then applies every migration; returns its JDBC URL. */
    public static String recreate(String name) {
        if (!name.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("database name must be [a-z0-9_]+: " + name);
        }
        try (Connection admin = DriverManager.getConnection(RealServers.jdbcUrl("postgres"), RealServers.PG_USER,
                RealServers.PG_PASSWORD); Statement sql = admin.createStatement()) {
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
