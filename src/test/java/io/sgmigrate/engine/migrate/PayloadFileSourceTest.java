package io.sgmigrate.engine.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The restore's meter of a payload file: the file's bytes, told as the plain dumps' share, so it ends at 100%. */
class PayloadFileSourceTest {
    @Test
    void theWholeFileReadIsTheWholePlainSizeAndNeverMore() {
        List<Long> told = new ArrayList<>();
        var meter = PayloadFileSource.inPlainBytes(told::add, 1_000, 3_000);
        meter.accept(0);
        meter.accept(500);
        meter.accept(1_000);
        meter.accept(1_010);   // the armor's last line past the estimate's file size
        assertEquals(List.of(0L, 1_500L, 3_000L, 3_000L), told);
        List<Long> raw = new ArrayList<>();
        PayloadFileSource.inPlainBytes(raw::add, 0, 3_000).accept(7);
        assertEquals(List.of(7L), raw, "nothing known: the bytes as they are");
    }
}
