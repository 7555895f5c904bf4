package io.sgmigrate.engine.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Problem;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {
    @Test
    void theFirstAnswerEndsTheWait() {
        AtomicInteger asked = new AtomicInteger();
        Optional<String> got = Poll.forValue(() -> asked.incrementAndGet() == 3 ? Optional.of("up") : Optional.empty(), 10, 1);
        assertEquals(Optional.of("up"), got);
        assertEquals(3, asked.get());
    }

    @Test
    void noAnswerInTimeIsEmptyAfterEveryTry() {
        AtomicInteger asked = new AtomicInteger();
        assertTrue(Poll.forValue(() -> {
            asked.incrementAndGet();
            return Optional.empty();
        }, 4, 1).isEmpty());
        assertEquals(4, asked.get());
    }

    @Test
    void anInterruptedWaitIsACancelledJob() {
        Thread.currentThread().interrupt();
        try {
            Problem p = assertThrows(Problem.class, () -> Poll.until(() -> false));
            assertEquals(Problem.Kind.CANCELLED, p.kind());
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        } finally {
            Thread.interrupted();
        }
    }
}
