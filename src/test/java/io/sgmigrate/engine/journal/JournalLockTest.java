package io.sgmigrate.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Problem;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One writer per journal at a time, across processes and within one; saves that never tear the file. */
class JournalLockTest {
    @TempDir
    Path dir;

    /** Records step {@code id} as done, under the lock, waiting while someone else holds it. */
    static void recordUnderLock(Path journal, String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (JournalLock lock = Journal.lock(journal)) {
                Journal j = Journal.load(lock.journal());
                j.started(id);
                j.done(id, Map.of("by", id));
                return;
            } catch (Problem p) {
                if (!p.what().contains("is in use by another sgmigrate") || System.nanoTime() > deadline) throw p;
                Thread.sleep(1);
            }
        }
    }

    @Test
    void aSecondLockInThisJvmIsRefusedUntilTheFirstIsClosed() throws Exception {
        Path f = dir.resolve("run.json");
        Files.createSymbolicLink(dir.resolve("alias"), dir);
        JournalLock first = Journal.lock(f);
        Problem again = assertThrows(Problem.class, () -> Journal.lock(f));
        assertEquals(Problem.Kind.PRECONDITION, again.kind());
        assertEquals("The journal " + f + " is in use by another sgmigrate (a run, the wizard, checklist or verify).", again.what());
        assertEquals("Wait for it to finish or stop it; two runs on one journal would act on the same host at once.", again.next());
        assertThrows(Problem.class, () -> Journal.lock(dir.resolve("alias/run.json")), "the same file by another name");
        assertThrows(Problem.class, () -> Journal.lock(Path.of("").toAbsolutePath().relativize(f)), "the same file by a relative name");
        Throwable fromThread = CompletableFuture.supplyAsync(() -> {
            try (JournalLock l = Journal.lock(f)) {
                return null;
            } catch (Problem p) {
                return p;
            }
        }).get(10, TimeUnit.SECONDS);
        assertTrue(fromThread instanceof Problem, "another thread is refused too: " + fromThread);
        try (JournalLock other = Journal.lock(dir.resolve("other.json"))) {
            assertEquals(dir.resolve("other.json"), other.journal(), "another journal is not affected");
        }
        first.close();
        first.close();
        try (JournalLock later = Journal.lock(f)) {
            assertEquals(f, later.journal());
        }
    }

    @Test
    void theLockFileIsOwnerOnlyAndBesideTheJournal() throws Exception {
        Path f = dir.resolve("new/run.json");
        try (JournalLock l = Journal.lock(f)) {
            Path lockFile = dir.resolve("new/run.json.lock");
            assertEquals(lockFile, JournalLock.lockFile(f));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(lockFile)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("new"))));
        }
    }

    @Test
    @Timeout(120)
    void anotherProcessIsRefusedAndToldWhoHoldsIt() throws Exception {
        Path f = dir.resolve("run.json");
        Process child = JournalChild.process("hold", f.toString()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked " + f, out.readLine());
            Problem p = assertThrows(Problem.class, () -> Journal.lock(f));
            assertEquals(Problem.Kind.PRECONDITION, p.kind());
            assertTrue(p.what().contains("is in use by another sgmigrate"), p.what());
            assertEquals("held by process " + child.pid(), p.detail());
        } finally {
            child.getOutputStream().close();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        }
        assertEquals(0, child.exitValue());
        try (JournalLock mine = Journal.lock(f)) {
            Process refused = JournalChild.process("hold", f.toString()).start();
            String line = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(refused.waitFor(60, TimeUnit.SECONDS));
            assertEquals(3, refused.exitValue(), line);
            assertTrue(line.startsWith("refused The journal " + f + " is in use"), line);
        }
    }

    @Test
    @Timeout(180)
    void writersThroughTheLockNeverTearTheFileNorLoseARecord() throws Exception {
        Path f = dir.resolve("run.json");
        try (JournalLock l = Journal.lock(f)) {
            Journal.create(f, "run", Map.of("target", "ssh://b@new"));
        }
        int threads = 3;
        int each = 40;
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger loads = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> seen = new ConcurrentLinkedQueue<>();
        Thread reader = new Thread(() -> {
            while (writing.get()) {
                try {
                    Journal.load(f);
                    loads.incrementAndGet();
                } catch (RuntimeException e) {
                    seen.add(e);
                }
            }
        });
        reader.start();
        Process child = JournalChild.process("write", f.toString(), "child", String.valueOf(each)).start();
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String name = "thread" + t;
            writers.add(CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < each; i++) recordUnderLock(f, name + "-" + i);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, r -> new Thread(r).start()));
        }
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(150, TimeUnit.SECONDS);
        assertTrue(child.waitFor(150, TimeUnit.SECONDS));
        writing.set(false);
        reader.join();
        assertEquals(0, child.exitValue(), "the child process wrote all its records");
        assertEquals(List.of(), List.copyOf(seen), "every load saw a whole journal");
        assertTrue(loads.get() > 0);
        Journal last = Journal.load(f);
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < each; i++) {
            expected.add("child-" + i);
            for (int t = 0; t < threads; t++) expected.add("thread" + t + "-" + i);
        }
        Set<String> done = new TreeSet<>();
        for (Journal.Step s : last.steps()) if (s.state == Journal.State.DONE) done.add(s.id);
        assertEquals(expected, done, "no writer lost another's record");
        try (var left = Files.list(dir)) {
            assertEquals(List.of("run.json", "run.json.lock"), left.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    @Timeout(120)
    void savesWithoutTheLockStillNeverTearTheFile() throws Exception {
        // Each save has its own temporary file: even two writers that ignore the lock leave a whole journal.
        Path f = dir.resolve("run.json");
        Journal.create(f, "run", Map.of());
        Journal a = Journal.load(f);
        Journal b = Journal.load(f);
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Throwable> seen = new ConcurrentLinkedQueue<>();
        Thread reader = new Thread(() -> {
            while (writing.get()) {
                try {
                    Journal.load(f);
                } catch (RuntimeException e) {
                    seen.add(e);
                }
            }
        });
        reader.start();
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (Journal j : List.of(a, b)) {
            String name = j == a ? "a" : "b";
            writers.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 300; i++) {
                    try {
                        j.started(name + i);
                        j.done(name + i, Map.of());
                    } catch (RuntimeException e) {
                        seen.add(e);
                    }
                }
            }, r -> new Thread(r).start()));
        }
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(100, TimeUnit.SECONDS);
        writing.set(false);
        reader.join();
        assertEquals(List.of(), List.copyOf(seen).stream().limit(3).map(Throwable::toString).toList(),
                seen.size() + " saves failed or loads saw half a journal");
        try (var left = Files.list(dir)) {
            assertEquals(List.of("run.json"), left.map(p -> p.getFileName().toString()).toList(), "no temporary file is left");
        }
    }
}
