package io.sgmigrate.engine.job;

import io.sgmigrate.engine.Problem;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for a remote condition: asked every 250 ms for at least two minutes, the time the error messages name. */
public final class Poll {
    private static final int TRIES = 480;
    private static final long INTERVAL_MS = 250;

    private Poll() {}

    /** Whether {@code done} came true in time. An interrupt while waiting is a cancelled job. */
    public static boolean until(BooleanSupplier done) {
        return forValue(() -> done.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty(), TRIES, INTERVAL_MS).isPresent();
    }

    /** The first answer {@code ask} gives, or empty when the time ran out. */
    public static <T> Optional<T> forValue(Supplier<Optional<T>> ask) {
        return forValue(ask, TRIES, INTERVAL_MS);
    }

    static <T> Optional<T> forValue(Supplier<Optional<T>> ask, int tries, long intervalMs) {
        for (int i = 0; i < tries; i++) {
            Optional<T> answer = ask.get();
            if (answer.isPresent()) return answer;
            try {
                Thread.sleep(intervalMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Problem.of(Problem.Kind.CANCELLED, "job.cancelled");
            }
        }
        return Optional.empty();
    }
}
