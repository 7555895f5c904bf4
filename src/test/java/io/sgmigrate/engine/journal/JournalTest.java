package io.sgmigrate.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    @Test
    void stepsSurviveAReloadAndResumeStartsAtTheFirstUnfinished() throws Exception {
        Path f = dir.resolve("run.journal.json");
        Journal j = Journal.create(f, "run-1", Map.of("source", "ssh://a@old", "target", "ssh://b@new"));
        j.started("preflight");
        j.done("preflight", Map.of("sourceVersion", "3.13.1"));
        j.started("dump");
        j.done("dump", Map.of("sha256", "ab12", "bytes", "1234"));
        j.started("restore");
        // the process dies here
        Journal again = Journal.load(f);
        assertEquals("run-1", again.runId());
        assertTrue(again.isDone("dump"));
        assertEquals("ab12", again.outputs("dump").get("sha256"));
        assertEquals(Optional.of("restore"), again.firstUnfinished());
        assertEquals(Journal.State.RUNNING, again.step("restore").orElseThrow().state);
        assertThrows(IllegalStateException.class, () -> again.started("dump"), "a done step is never run again");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        try (var left = Files.list(dir)) {
            assertEquals(List.of("run.journal.json"), left.map(p -> p.getFileName().toString()).toList(), "no temporary file is left");
        }
    }

    @Test
    void aBrokenJournalIsAClearProblem() throws Exception {
        Path f = dir.resolve("broken.json");
        Files.writeString(f, "{\"runId\": \"x\", \"steps\": [");
        Problem p = assertThrows(Problem.class, () -> Journal.load(f));
        assertEquals(Problem.Kind.INPUT, p.kind());
        assertTrue(p.what().startsWith("The journal " + f + " is not a valid journal"), p.what());
        Problem missing = assertThrows(Problem.class, () -> Journal.load(dir.resolve("nope.json")));
        assertTrue(missing.what().contains("There is no journal"), missing.what());
    }

    @Test
    void nullsAndMissingIdsAreMalformedNeverAnNpe() throws Exception {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("null", "it holds null");
        cases.put("{\"steps\":null}", "steps is null");
        cases.put("{\"steps\":[null]}", "a step is null");
        cases.put("{\"steps\":[{\"state\":\"DONE\",\"outputs\":{}}]}", "a step has no id");
        cases.put("{\"steps\":[{\"id\":\"dump\",\"state\":null}]}", "step dump has no state");
        cases.put("{\"steps\":[{\"id\":\"dump\",\"outputs\":null}]}", "step dump has outputs null");
        cases.put("{\"steps\":[{\"id\":\"dump\",\"outputs\":{\"sha256\":null}}]}", "output sha256 of step dump is null");
        cases.put("{\"inputs\":null}", "inputs is null");
        cases.put("{\"inputs\":{\"target\":null}}", "input target is null");
        cases.put("{\"checklist\":[null]}", "a checklist item is null");
        cases.put("{\"checklist\":[{\"title\":\"t\"}]}", "a checklist item has no id or status");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path f = dir.resolve("j.json");
            Files.writeString(f, c.getValue() == null ? "" : c.getKey());
            Problem p = assertThrows(Problem.class, () -> Journal.load(f), c.getKey());
            assertEquals(Problem.Kind.INPUT, p.kind(), c.getKey());
            assertEquals("The journal " + f + " is not a valid journal (" + c.getValue() + ").", p.what(), c.getKey());
        }
    }

    @Test
    void onlyFormatOneIsRead() throws Exception {
        Path f = dir.resolve("future.json");
        for (String format : List.of("99", "0", "2", "1000")) {
            Files.writeString(f, "{\"format\":" + format + ",\"runId\":\"r\",\"inputs\":{},\"steps\":[]}");
            Problem p = assertThrows(Problem.class, () -> Journal.load(f), format);
            assertEquals(Problem.Kind.INPUT, p.kind());
            assertEquals("The journal " + f + " was written in format " + format + ", which this version of sgmigrate does not know.", p.what());
            assertEquals("Open it with the sgmigrate version that wrote it.", p.next());
        }
        Files.writeString(f, "{\"format\":1,\"runId\":\"r\",\"inputs\":{},\"steps\":[]}");
        assertEquals("r", Journal.load(f).runId());
    }

    @Test
    void createRefusesAnExistingJournal() throws Exception {
        Path f = dir.resolve("run.json");
        Journal.create(f, "first", Map.of("target", "ssh://b@staging"));
        Problem p = assertThrows(Problem.class, () -> Journal.create(f, "second", Map.of("target", "ssh://b@prod")));
        assertEquals(Problem.Kind.INPUT, p.kind());
        assertEquals("A journal already exists at " + f + ".", p.what());
        assertEquals("Resume it with --resume, or choose another file with --journal.", p.next());
        assertEquals("first", Journal.load(f).runId(), "the existing journal is untouched");
        Path dangling = dir.resolve("link.json");
        Files.createSymbolicLink(dangling, dir.resolve("nowhere.json"));
        assertThrows(Problem.class, () -> Journal.create(dangling, "x", Map.of()), "a symbolic link is not written through");
    }
}
