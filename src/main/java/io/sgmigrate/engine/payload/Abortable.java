package io.sgmigrate.engine.payload;

/**
 * A member sink that can be given up: {@link PayloadReader} calls {@link #abort()} instead of {@code close()}
 * when the payload fails while the sink is open, so the sink never takes its input for complete
 * (for example, a restore does not send its end-of-input marker).
 */
public interface Abortable {
    /** Releases the sink without completing it; may throw, the reader keeps its own error first. */
    void abort();
}
