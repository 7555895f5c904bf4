package io.sgmigrate.wizard;

/** A failure the wizard itself finds, worded from its bundle ({@code KEY.what}, {@code KEY.next}); shown by {@link ProblemView} like the engine's. */
public final class WizardProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String next;
    private final String detail;

    public WizardProblem(String key, String detail, Object... args) {
        super(I18n.t(key + ".what", args));
        this.next = I18n.t(key + ".next", args);
        this.detail = detail == null ? "" : detail;
    }

    public String what() {
        return getMessage();
    }

    public String next() {
        return next;
    }

    public String detail() {
        return detail;
    }

    /** The WizardProblem in {@code e} or among its causes, or null. */
    public static WizardProblem in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof WizardProblem p) return p;
        }
        return null;
    }
}
