package io.sgmigrate.engine.snapshot;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.journal.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Snapshots as JSON files: written whole and owner-only (temporary name, then renamed), read with a clear error when malformed.
 * A baseline is read with its {@link FingerprintKey}: {@link #readBaseline}.
 */
public final class SnapshotFile {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false);

    private SnapshotFile() {}

    /**
     * A baseline and the key to take the snapshot compared with it. {@code converted}: the file is format 1
     * (plain digests); its fingerprints were rekeyed in memory under a new {@code key}, and the file is unchanged.
     */
    public record Baseline(Snapshot snapshot, FingerprintKey key, boolean converted) {}

    /** Writes the snapshot and, beside it, the key its fingerprints were made with ({@code <file>.fpkey}, owner-only). */
    public static void write(Path file, Snapshot s, FingerprintKey key) {
        if (!key.id().equals(s.fingerprintKeyId())) throw new IllegalArgumentException("the snapshot was not fingerprinted with " + key);
        key.saveBeside(file);
        write(file, s);
    }

    /**
     * A snapshot to compare with, and its key: the {@code .fpkey} beside it, which must be the one it was taken
     * with; for a format 1 file (no key), a new key under which its digests are rekeyed.
     */
    public static Baseline readBaseline(Path file) {
        Snapshot s = read(file);
        if (s.fingerprintKeyId() == null) {
            FingerprintKey k = FingerprintKey.generate();
            return new Baseline(rekeyed(s, k), k, true);
        }
        FingerprintKey k = FingerprintKey.load(file);
        if (!k.id().equals(s.fingerprintKeyId())) throw Problem.of(Problem.Kind.INPUT, "snapshot.keyMismatch", file, FingerprintKey.fileBeside(file));
        return new Baseline(s, k, false);
    }

    /** An unkeyed (format 1) snapshot with every digest made a fingerprint under {@code k}, and its parser message dropped. */
    static Snapshot rekeyed(Snapshot s, FingerprintKey k) {
        Map<String, Snapshot.Database> dbs = new LinkedHashMap<>();
        s.databases().forEach((role, d) -> {
            Map<String, Snapshot.Table> tables = new TreeMap<>();
            if (d.tables() != null) d.tables().forEach((n, t) -> tables.put(n, new Snapshot.Table(t.rows(), t.bytes(), k.ofDigest(t.fingerprint()), t.core())));
            dbs.put(role, new Snapshot.Database(d.name(), d.postgresVersion(), d.sizeBytes(), tables, d.sequences(), d.extensions(), d.schemaVersions(),
                    d.versions()));
        });
        Snapshot.Semantic sem = s.semantic();
        if (sem != null) {
            Snapshot.SiteConfig sc = sem.siteConfig();
            if (sc != null) {
                Map<String, String> keys = new TreeMap<>();
                if (sc.keys() != null) sc.keys().forEach((n, fp) -> keys.put(n, k.ofDigest(fp)));
                sc = new Snapshot.SiteConfig(k.ofDigest(sc.fingerprint()), keys, sc.externalURL(), sc.authProviders(), sc.parseLocation());
            }
            List<Snapshot.CodeHost> hosts = sem.codeHosts() == null ? null : sem.codeHosts().stream()
                    .map(h -> new Snapshot.CodeHost(h.id(), h.kind(), h.displayName(), k.ofDigest(h.configFingerprint()), h.encrypted())).toList();
            sem = new Snapshot.Semantic(sc, k.ofDigest(sem.globalSettingsFingerprint()), hosts);
        }
        return new Snapshot(Snapshot.FORMAT, s.capturedAt(), s.tool(), s.instance(), dbs, sem, k.id());
    }

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
            if (s.format() >= 2 && s.fingerprintKeyId() == null) throw new IOException("format " + s.format() + " without fingerprintKeyId");
            if (s.format() < 2 && s.fingerprintKeyId() != null) throw new IOException("format " + s.format() + " with a fingerprintKeyId");
            return s;
        } catch (IOException e) {
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("unreadable");
            throw Problem.of(Problem.Kind.INPUT, "snapshot.unreadable", file, why).causedBy(e);
        }
    }
}
