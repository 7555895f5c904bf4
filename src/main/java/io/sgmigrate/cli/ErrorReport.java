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
            if (verbose && !p.detail().isEmpty()) err.println("  detail: " + Terminal.safe(p.detail()));
            LOG.debug("problem: {} ({})", p.what(), p.detail());
        } else {
            err.println("sgmigrate: internal error (" + e.getClass().getSimpleName() + "). This is a bug in sgmigrate;"
                    + " run again with --verbose and report the detail it prints.");
            if (verbose) e.printStackTrace(err);
        }
        err.flush();
    }

    static int exitCode(Throwable e) {
        Problem p = Problem.in(e);
        return p != null ? p.kind().exitCode() : Problem.Kind.INTERNAL.exitCode();
    }

}
