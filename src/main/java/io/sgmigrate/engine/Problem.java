package io.sgmigrate.engine;

import java.util.Objects;

/**
 * The one error path of sgmigrate: what happened, in a sentence, and what to do next.
 * The technical detail (an exception message, a remote stderr) is kept apart so fronts can fold it away.
 * Nothing secret may be put into any of the three parts.
 */
public final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Kind kind;
    private final String what;
    private final String next;
    private final String detail;
    private final String hostState;

    /** Broad classes of failure; fronts use them for exit codes and icons. */
    public enum Kind {
        CONNECTION(10), AUTHENTICATION(11), HOST_KEY(12), REMOTE_COMMAND(13), PRECONDITION(14), INPUT(2), CANCELLED(130), INTERNAL(1);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private Problem(Kind kind, String what, String next, String detail, String hostState, Throwable cause) {
        super(what, cause);
        this.kind = Objects.requireNonNull(kind);
        this.what = Objects.requireNonNull(what);
        this.next = next == null ? "" : next;
        this.detail = detail == null ? "" : detail;
        this.hostState = hostState == null ? "" : hostState;
    }

    /** A problem whose sentences come from the engine's message bundle: {@code KEY.what} and {@code KEY.next}. */
    public static Problem of(Kind kind, String key, Object... args) {
        return new Problem(kind, Messages.get(key + ".what", args), Messages.get(key + ".next", args), null, null, null);
    }

    public Problem withDetail(String detail) {
        return new Problem(kind, what, next, detail, hostState, getCause());
    }

    /** This problem as a run stopped by it: {@code state} says what each host (and file) is left with. */
    public Problem withHostState(String state) {
        return new Problem(kind, what, next, detail, state, getCause());
    }

    public Problem causedBy(Throwable cause) {
        String d = detail.isEmpty() && cause != null ? String.valueOf(cause.getMessage()) : detail;
        return new Problem(kind, what, next, d, hostState, cause);
    }

    public Kind kind() {
        return kind;
    }

    public String what() {
        return what;
    }

    public String next() {
        return next;
    }

    public String detail() {
        return detail;
    }

    /** What each host is left with, when a run stopped; empty otherwise. */
    public String hostState() {
        return hostState;
    }

    /** The Problem in {@code e} or among its causes, or null: how fronts tell an expected failure from a bug. */
    public static Problem in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Problem p) return p;
        }
        return null;
    }

    /** One plain line for a terminal: what happened, then what to do. */
    public String oneLine() {
        return next.isEmpty() ? what : what + " " + next;
    }
}
