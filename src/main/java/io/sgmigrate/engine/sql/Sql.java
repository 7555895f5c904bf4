package io.sgmigrate.engine.sql;

import java.util.List;

/**
 * Read-only SQL against one PostgreSQL server. Queries used through this interface select text only (casting
 * in SQL where needed), so every implementation returns exactly the same strings for the same database.
 */
public interface Sql extends AutoCloseable {
    /**
     * Session settings every implementation applies before a query, so that a row's text is the same however it
     * is read (JDBC drivers set their own time zone and float digits otherwise).
     */
    List<String> SESSION = List.of("SET TimeZone = 'UTC'", "SET DateStyle = 'ISO, MDY'", "SET IntervalStyle = 'postgres'",
            "SET extra_float_digits = 3", "SET bytea_output = 'hex'");

    /** The rows of {@code sql} run in {@code database}; each value as text, SQL NULL as null. */
    List<List<String>> rows(String database, String sql);

    /** The first column of the first row, or null when there is none. */
    default String value(String database, String sql) {
        List<List<String>> r = rows(database, sql);
        return r.isEmpty() || r.get(0).isEmpty() ? null : r.get(0).get(0);
    }

    /** How the database is reached, for reports: "docker exec pgsql psql" or "JDBC through SSH to 172.18.0.2:5432". */
    String describe();

    @Override
    default void close() {}
}
