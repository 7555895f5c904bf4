package io.sgmigrate.engine.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.inspect.PayloadInspector;
import io.sgmigrate.engine.inspect.PayloadKeys;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A payload file as a run's source: the restore's meter, and a front's reading taken as pre-flight's. */
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

    private static PayloadKeys none() {
        return new PayloadKeys(List.of(), () -> null, Optional.empty(), List.of(), Optional.empty());
    }

    @Test
    void aFrontsReadingIsPreflightsAndTheFileIsNotReadAgainToOpenOrCheck(@TempDir Path dir) throws Exception {
        byte[] dump;
        try (InputStream in = getClass().getResourceAsStream("/io/sgmigrate/engine/dump/pg_dump-create-clean.sql")) {
            dump = in.readAllBytes();
        }
        Path file = io.sgmigrate.support.TarGz.write(dir.resolve("customer.tar.gz"), Map.of("src-snapshot/pgsql.sql", dump));
        PayloadInspector.Found found = PayloadInspector.examine(file, none(), n -> {});
        assertTrue(found.inspection().passed(), found.inspection().problems().toString());
        // From now on the file is garbage: what opens and checks it can only be the reading before.
        Files.writeString(file, "not a payload any more", StandardCharsets.US_ASCII);
        List<Long> told = new ArrayList<>();
        PayloadFileSource source = new PayloadFileSource(file, none(), Optional.of(found));
        Map<String, String> bound = source.open(a -> null, (done, total) -> told.add(done));
        assertEquals(found.inspection().sha256(), bound.get(RunBinding.PAYLOAD_SHA256));
        Preflight.Offer offer = source.preflight(new Preflight(c -> {}));
        assertEquals(List.of("sourcegraph"), offer.databases());
        assertEquals(List.of(), told, "nothing was read");
        assertThrows(IllegalArgumentException.class, () -> new PayloadFileSource(dir.resolve("other.tar.gz"), none(), Optional.of(found)),
                "a reading of another file is never taken");
    }
}
