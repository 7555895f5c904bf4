package io.sgmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Problem;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ErrorReportTest {
    private static String printed(Throwable e, boolean verbose) {
        StringWriter w = new StringWriter();
        ErrorReport.print(e, new PrintWriter(w), verbose);
        return w.toString();
    }

    @Test
    void whatTheOtherSideSaidIsShownWithoutVerboseAndTheRunsHostStateIsNotRepeated() {
        Problem p = Problem.of(Problem.Kind.REMOTE_COMMAND, "postgres.query.failed", "postgres", "pgsql", "new-host")
                .withDetail("ERROR:  checkpoint request failed\nHINT:  Consult recent messages in the server log for details.")
                .withHostState("Old host: unchanged (it is only read). New host: some databases may already be replaced");
        String out = printed(p, false);
        assertTrue(out.startsWith("sgmigrate: A query on database postgres in container pgsql on new-host failed."), out);
        assertTrue(out.contains("  detail: ERROR:  checkpoint request failed\n  HINT:  Consult recent messages"), out);
        assertFalse(out.contains("Old host:"), "the listener's STOPPED line says the state, once: " + out);
    }

    @Test
    void aLongDetailIsCutToItsLastLinesUnlessVerbose() {
        String detail = IntStream.rangeClosed(1, 30).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        Problem p = Problem.of(Problem.Kind.REMOTE_COMMAND, "migrate.restore.failed", "sourcegraph", "pgsql").withDetail(detail);
        String out = printed(p, false);
        assertTrue(out.contains("(last lines; --verbose shows all)"), out);
        assertTrue(out.contains("line 30") && out.contains("line 21") && !out.contains("line 20\n"), out);
        assertEquals(30, printed(p, true).lines().filter(l -> l.contains("line ")).count(), "verbose shows every line");
    }

    @Test
    void anExceptionsOwnMessageStaysForVerbose() {
        Problem p = Problem.of(Problem.Kind.CONNECTION, "ssh.refused", "127.0.0.1", 2221).causedBy(new java.net.ConnectException("Connection refused"));
        assertEquals(1, printed(p, false).lines().count(), printed(p, false));
        assertTrue(printed(p, true).contains("  detail: Connection refused"));
    }
}
