package io.sgmigrate.engine.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.sql.Sql;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An instance's databases are read at once, each in its own container; a failure of one is the snapshot's failure. */
class SnapshotTakerParallelTest {
    /** Answers as {@code inner} does, but its first query waits until every database has sent one. */
    private static Sql meeting(Sql inner, CountDownLatch all) {
        return new Sql() {
            private boolean met;

            @Override
            public List<List<String>> rows(String database, String sql) {
                if (!met) {
                    met = true;
                    all.countDown();
                    try {
                        if (!all.await(10, TimeUnit.SECONDS)) throw new AssertionError("the databases were read one after the other");
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }
                return inner.rows(database, sql);
            }

            @Override
            public String describe() {
                return inner.describe();
            }
        };
    }

    @Test
    void everyDatabaseIsReadAtOnceAndKeepsItsPlace() {
        CountDownLatch all = new CountDownLatch(3);
        List<SnapshotTaker.Source> sources = List.of(
                new SnapshotTaker.Source("frontend", "sg", meeting(new FakeInstance("{}", null, "0123456789abcdef0123456789abcdef"), all)),
                new SnapshotTaker.Source("codeintel", "sg", meeting(new FakeInstance("{}", null, "0123456789abcdef0123456789abcdef"), all)),
                new SnapshotTaker.Source("codeinsights", "postgres", meeting(new FakeInstance("{}", null, "0123456789abcdef0123456789abcdef"), all)));
        Snapshot s = new SnapshotTaker(line -> {}, Long.MAX_VALUE, FingerprintKey.generate()).take(FakeInstance.instance(), sources);
        assertEquals(List.of("frontend", "codeintel", "codeinsights"), List.copyOf(s.databases().keySet()));
        assertEquals(2L, s.databases().get("codeintel").tables().get("users").rows());
    }

    @Test
    void aDatabaseThatFailsFailsTheSnapshotWithItsOwnProblemAfterTheOthersEnded() {
        Problem broken = Problem.of(Problem.Kind.REMOTE_COMMAND, "postgres.query.failed", "sg", "codeintel-db", "new-host");
        AtomicInteger frontendQueries = new AtomicInteger();
        FakeInstance frontend = new FakeInstance("{}", null, "0123456789abcdef0123456789abcdef");
        Sql counting = new Sql() {
            @Override
            public List<List<String>> rows(String database, String sql) {
                frontendQueries.incrementAndGet();
                return frontend.rows(database, sql);
            }

            @Override
            public String describe() {
                return "fake";
            }
        };
        Sql failing = new Sql() {
            @Override
            public List<List<String>> rows(String database, String sql) {
                throw broken;
            }

            @Override
            public String describe() {
                return "fake";
            }
        };
        List<SnapshotTaker.Source> sources = List.of(new SnapshotTaker.Source("frontend", "sg", counting), new SnapshotTaker.Source("codeintel", "sg", failing));
        Problem p = assertThrows(Problem.class, () -> new SnapshotTaker(line -> {}, Long.MAX_VALUE, FingerprintKey.generate()).take(FakeInstance.instance(), sources));
        assertSame(broken, p);
        int seen = frontendQueries.get();
        assertTrue(seen > 3, "the frontend's read ran to its end before the failure was thrown: " + seen);
    }
}
