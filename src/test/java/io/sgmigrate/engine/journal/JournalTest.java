package io.sgmigrate.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
        assertFalse(Files.exists(dir.resolve(".run.journal.json.tmp")));
    }

    @Test
    void aBrokenJournalIsAClearProblem() throws Exception {
        Path f = dir.resolve("broken.json");
        Files.writeString(f, "{\"runId\": \"x\", \"steps\": [");
        Problem p = assertThrows(Problem.class, () -> Journal.load(f));
        assertEquals(Problem.Kind.INPUT, p.kind());
        assertTrue(p.what().startsWith("The journal " + f + " is not valid JSON"), p.what());
        Problem missing = assertThrows(Problem.class, () -> Journal.load(dir.resolve("nope.json")));
        assertTrue(missing.what().contains("There is no journal"), missing.what());
    }
}
