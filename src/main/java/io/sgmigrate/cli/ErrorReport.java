package io.sgmigrate.cli;

import io.sgmigrate.engine.Problem;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The command line's one error path: a Problem becomes one line on stderr; anything else is a bug, said plainly. */
final class ErrorReport {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorReport.class);

    private ErrorReport() {}

    static void print(Throwable e, PrintWriter err, boolean verbose) {
        Problem p = Problem.in(e);
        if (p != null) {
            err.println("sgmigrate: " + Terminal.safe(p.oneLine()).replace('\n', ' '));
            // What a remote command said (PostgreSQL's error, say) is often the cause itself: shown in short even without --verbose.
            boolean remote = p.kind() == Problem.Kind.REMOTE_COMMAND;
            if (!p.detail().isEmpty() && (verbose || remote)) err.println("  detail: " + Terminal.safe(verbose ? p.detail() : shortDetail(p.detail())));
            LOG.debug("problem: {} ({})", p.what(), p.detail());
        } else {
            err.println("sgmigrate: internal error (" + e.getClass().getSimpleName() + "). This is a bug in sgmigrate;"
                    + " run again with --verbose and report the detail it prints.");
            if (verbose) e.printStackTrace(err);
        }
        err.flush();
    }

    /** A detail's last lines, where a program puts its error; at most about ten lines. */
    static String shortDetail(String detail) {
        java.util.List<String> lines = detail.strip().lines().toList();
        String tail = String.join("\n  ", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        if (tail.length() > 1200) tail = "..." + tail.substring(tail.length() - 1200);
        return (lines.size() > 10 ? "(last lines; --verbose shows all)\n  " : "") + tail;
    }

    static int exitCode(Throwable e) {
        Problem p = Problem.in(e);
        return p != null ? p.kind().exitCode() : Problem.Kind.INTERNAL.exitCode();
    }

}
