package io.sgmigrate.engine.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.verify.ChecklistItem.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloneProgressTest {
    private static final Instant T0 = Instant.parse("2026-12-04T20:00:00Z");

    private static Sample at(int minutes, long done) {
        return new Sample(T0.plus(Duration.ofMinutes(minutes)).toString(), done, 300);
    }

    @Test
    void theRateIsOverTheLastTenMinutesAndGivesWhenTheLastIsCloned() {
        CloneProgress one = new CloneProgress(List.of(at(0, 0)));
        assertTrue(one.perMinute().isEmpty(), "one sample has no rate");
        assertTrue(one.remaining().isEmpty());

        // 0 at 0 min, then 10 a minute from minute 20 on: only the last ten minutes count.
        CloneProgress p = new CloneProgress(List.of(at(0, 0), at(20, 0), at(25, 50), at(30, 100)));
        assertEquals(10.0, p.perMinute().getAsDouble(), 1e-9);
        assertEquals(Duration.ofMinutes(20), p.remaining().orElseThrow());
        assertTrue(p.moved());
        assertEquals("[##########....................]  33%", p.bar(30));

        CloneProgress stuck = new CloneProgress(List.of(at(0, 100), at(1, 100)));
        assertEquals(0.0, stuck.perMinute().getAsDouble(), 1e-9);
        assertTrue(stuck.remaining().isEmpty(), "no estimate without progress");
        assertFalse(stuck.moved());

        // Two looks a minute apart, the older beyond the window: the rate comes from the two.
        CloneProgress sparse = new CloneProgress(List.of(at(0, 0), at(30, 60)));
        assertEquals(2.0, sparse.perMinute().getAsDouble(), 1e-9);
    }

    @Test
    void aResetOfTheCloneStatusRestartsTheRate() {
        // The migrated records said all cloned; the new gitserver found none and clones them again.
        CloneProgress p = new CloneProgress(List.of(at(0, 300), at(1, 0)));
        assertEquals(at(0, 300), p.fellFrom().orElseThrow());
        assertTrue(p.perMinute().isEmpty(), "no rate across the reset");
        CloneProgress later = new CloneProgress(List.of(at(0, 300), at(1, 0), at(3, 60)));
        assertEquals(30.0, later.perMinute().getAsDouble(), 1e-9);
        assertTrue(later.fellFrom().isEmpty());
        assertFalse(later.stuck());
        assertFalse(new CloneProgress(List.of(at(0, 10), at(1, 10))).stuck(), "a minute without progress is not stuck");
        CloneProgress stuck = new CloneProgress(List.of(at(0, 5), at(2, 10), at(7, 10), at(12, 10)));
        assertEquals(Duration.ofMinutes(10), stuck.unchangedFor());
        assertTrue(stuck.stuck());
    }

    @Test
    void samplesAreThinnedInTheOlderHalfAndTheNewestKept() {
        List<Sample> s = new ArrayList<>();
        for (int i = 0; i < CloneProgress.KEPT; i++) s = CloneProgress.appended(s, at(i, i));
        assertEquals(CloneProgress.KEPT, s.size());
        s = CloneProgress.appended(s, at(CloneProgress.KEPT, 299));
        assertTrue(s.size() < CloneProgress.KEPT, "thinned: " + s.size());
        assertEquals(at(0, 0), s.get(0), "the first look stays");
        assertEquals(at(CloneProgress.KEPT, 299), s.get(s.size() - 1), "the newest stays");
        for (int i = 1; i < s.size(); i++) assertTrue(Instant.parse(s.get(i).at()).isAfter(Instant.parse(s.get(i - 1).at())), "in order");
    }

    @Test
    void durationsReadAsAPersonSaysThem() {
        assertEquals("40 s", CloneProgress.shown(Duration.ofSeconds(40)));
        assertEquals("12 min", CloneProgress.shown(Duration.ofMinutes(12)));
        assertEquals("3 h 5 min", CloneProgress.shown(Duration.ofMinutes(185)));
    }
}
