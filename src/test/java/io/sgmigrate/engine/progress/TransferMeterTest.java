package io.sgmigrate.engine.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TransferMeterTest {
    @Test
    void speedAndTimeLeftFollowAControlledClock() {
        AtomicLong now = new AtomicLong(0);
        TransferMeter m = new TransferMeter(100L << 20, Duration.ofSeconds(5), now::get);
        assertEquals(OptionalLong.empty(), m.etaSeconds(), "no speed yet");
        for (int s = 1; s <= 10; s++) {
            now.set(Duration.ofSeconds(s).toNanos());
            m.moved(s * (5L << 20)); // 5 MiB/s
        }
        assertEquals(5.0 * (1 << 20), m.bytesPerSecond(), 1.0);
        assertEquals(OptionalLong.of(10), m.etaSeconds()); // 50 MiB left at 5 MiB/s
        assertEquals(0.5, m.fraction(), 1e-9);
        assertEquals("50.0 MiB of 100 MiB, 5.0 MiB/s, 10 s left", m.describe());
        // the speed halves: the window forgets the old rate within 5 s
        for (int s = 11; s <= 20; s++) {
            now.set(Duration.ofSeconds(s).toNanos());
            m.moved(50L * (1 << 20) + (s - 10) * (5L << 19));
        }
        assertEquals(2.5 * (1 << 20), m.bytesPerSecond(), 1.0);
    }

    @Test
    void noSpeedOrTimeLeftInTheFirstTwoSeconds() {
        AtomicLong now = new AtomicLong(0);
        TransferMeter m = new TransferMeter(1L << 30, Duration.ofSeconds(5), now::get);
        now.set(Duration.ofMillis(900).toNanos());
        m.moved(4800); // a dump's header before its first table: no "61 h left"
        assertEquals(0.0, m.bytesPerSecond());
        assertTrue(m.etaSeconds().isEmpty());
        assertEquals("4.7 KiB of 1.0 GiB", m.describe());
        now.set(Duration.ofSeconds(2).toNanos());
        m.moved(20L << 20);
        assertEquals(10.0 * (1 << 20), m.bytesPerSecond(), 1.0);
        assertEquals("20.0 MiB of 1.0 GiB, 10.0 MiB/s, 1 min 41 s left", m.describe());
    }

    @Test
    void unknownTotalHasNoEta() {
        TransferMeter m = new TransferMeter(-1);
        m.moved(10);
        assertTrue(m.etaSeconds().isEmpty());
        assertEquals(-1, m.fraction());
    }

    @Test
    void humanUnits() {
        assertEquals("512 B", Units.bytes(512));
        assertEquals("1.5 KiB", Units.bytes(1536));
        assertEquals("1.0 GiB", Units.bytes(1L << 30));
        assertEquals("2 min 5 s", Units.duration(Duration.ofSeconds(125)));
        assertEquals("1 h 1 min", Units.duration(Duration.ofSeconds(3660)));
    }
}
