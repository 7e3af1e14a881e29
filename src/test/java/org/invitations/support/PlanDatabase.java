package org.invitations.support;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.function.Function;
import org.hibernate.Session;
import org.invitations.app.Database;
import org.invitations.app.ServerConfig;

/**
 * A database seeded for a query-plan test the way each engine's planner sees a database that has run a
 * while, and the plan it chooses for a query ({@link QueryPlans}).
 *
 * @param <S> what the seeding returns (the ids the queries need)
 */
public final class PlanDatabase<S> implements AutoCloseable {

    /** Adds rows {@code from} to {@code to} (exclusive) of the growing part of the data. */
    @FunctionalInterface
    public interface Growth<S> {
        void add(Database database, S seeded, int from, int to);
    }

    private final Database database;
    private final S seeded;
    private final boolean derby;

    private PlanDatabase(Database database, S seeded, boolean derby) {
        this.database = database;
        this.seeded = seeded;
        this.derby = derby;
    }

    /**
     * Derby on disk in {@code data}. Derby keeps the plan of a statement it compiled; a database starts
     * empty, so every query is first compiled when the growing part has only {@code early} rows, and the
     * statistics are never refreshed after, before the data grows to {@code total}.
     */
    public static <S> PlanDatabase<S> derby(Path data, Function<Database, S> seed, Growth<S> growth, int early,
            int total, Function<S, List<Function<Session, List<?>>>> queries) {
        Database database = open(data, null);
        S seeded = seed.apply(database);
        growth.add(database, seeded, 0, early);
        queries.apply(seeded).forEach(query -> database.sessionFactory().inTransaction(query::apply));
        growth.add(database, seeded, early, total);
        return new PlanDatabase<>(database, seeded, true);
    }

    /** A fresh database on the shared embedded PostgreSQL, grown to {@code total}, then analysed. */
    public static <S> PlanDatabase<S> postgres(Path data, Function<Database, S> seed, Growth<S> growth, int total) {
        Database database = open(data, Postgres.freshDatabase());
        S seeded = seed.apply(database);
        growth.add(database, seeded, 0, total);
        // fresh optimizer statistics after seeding, as a database that has run a while has them
        database.sessionFactory().inTransaction(session -> session.doWork(c -> {
            try (Statement statement = c.createStatement()) {
                statement.execute("ANALYZE");
            }
        }));
        return new PlanDatabase<>(database, seeded, false);
    }

    /** Migrated, with a small pool; on PostgreSQL when a JDBC URL is given, else on Derby in {@code data}. */
    private static Database open(Path data, String jdbcUrl) {
        ServerConfig.Builder config = ServerConfig.builder().host("127.0.0.1").port(0).dataDir(data)
                .passwordIterations(1000).dbPoolSize(ServerConfig.MIN_DB_POOL_SIZE);
        if (jdbcUrl != null) {
            config.jdbcUrl(jdbcUrl).jdbcUser("postgres").jdbcPassword("postgres");
        }
        return Database.open(config.build(), "none");
    }

    public Database database() {
        return database;
    }

    public S seeded() {
        return seeded;
    }

    /** The plan the database chose for the last statement the query ran, printed under its name. */
    public String plan(String name, Function<Session, List<?>> query) {
        String plan = derby ? QueryPlans.derby(database, query) : QueryPlans.postgres(database, query);
        System.out.println(name + " on " + (derby ? "Derby" : "PostgreSQL") + ":\n" + plan);
        return plan;
    }

    @Override
    public void close() {
        database.close();
    }
}
