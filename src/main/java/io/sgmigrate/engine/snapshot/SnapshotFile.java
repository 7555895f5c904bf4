package io.sgmigrate.engine.snapshot;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.journal.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;

/** Snapshots as JSON files: written whole and owner-only (temporary name, then renamed), read with a clear error when malformed. */
public final class SnapshotFile {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false);

    private SnapshotFile() {}

    public static void write(Path file, Snapshot s) {
        try {
            PrivateFiles.write(file, JSON.writeValueAsBytes(s));
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.INPUT, "snapshot.unwritable", file).causedBy(e);
        }
    }

    public static byte[] bytes(Snapshot s) {
        try {
            return JSON.writeValueAsBytes(s);
        } catch (IOException e) {
            throw new IllegalStateException("a snapshot always serialises", e);
        }
    }

    public static Snapshot read(Path file) {
        try {
            Snapshot s = JSON.readValue(file.toFile(), Snapshot.class);
            if (s == null || s.databases() == null) throw new IOException("it holds no databases");
            if (s.format() > Snapshot.FORMAT) throw new IOException("format " + s.format() + " is newer than this sgmigrate reads (" + Snapshot.FORMAT + ")");
            return s;
        } catch (IOException e) {
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("unreadable");
            throw Problem.of(Problem.Kind.INPUT, "snapshot.unreadable", file, why).causedBy(e);
        }
    }
}
