package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.job.Jobs;
import io.sgmigrate.engine.payload.Compression;
import io.sgmigrate.engine.payload.PayloadReader;
import io.sgmigrate.engine.payload.PackingOutputStream;
import io.sgmigrate.engine.payload.PayloadWriter;
import io.sgmigrate.engine.progress.TransferMeter;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.ssh.SshAddress;
import io.sgmigrate.engine.ssh.SshConnection;
import io.sgmigrate.engine.stream.Pipe;
import io.sgmigrate.engine.transfer.StagedPayload;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The restore side of a migration on the new host: a scratch database beside each {@code sg}, psql fed one dump
 * at a time (the first error stops it), the staged payload read back when the restore did not run during the
 * transfer, and the swap that puts the scratch database in place of {@code sg}.
 */
final class ScratchRestore {
    /** The scratch database beside each database in use, inside the same container. */
    static final String SCRATCH_DB = "sgmigrate_restore";
    private static final String TERMINATE = "select count(pg_terminate_backend(pid)) from pg_stat_activity where pid <> pg_backend_pid() and datname = ";
    private final SshAddress targetAddress;
    private final Compression compression;
    private final io.sgmigrate.engine.secret.Secret passphrase;
    private final MigrationListener listener;
    private final Function<SshAddress, SshConnection> connect;

    /**
     * @param compression the staged payload's, when its compressed parts may go to psql as they are
     * @param passphrase opens the staged payload (null when nothing is staged)
     * @param connect opens another connection of the run (registered so that cancel closes it too)
     */
    ScratchRestore(SshAddress target, Compression compression, io.sgmigrate.engine.secret.Secret passphrase, MigrationListener listener,
                   Function<SshAddress, SshConnection> connect) {
        this.targetAddress = target;
        this.compression = compression;
        this.passphrase = passphrase;
        this.listener = listener;
        this.connect = connect;
    }

    /** An empty scratch database beside each sg; what a killed earlier run left there is dropped first. */
    static void prepare(SshConnection target, Facts f) {
        for (String db : f.databases()) {
            Facts.Target t = Facts.target(db);
            Postgres pg = t.postgres();
            pg.query(target, "postgres", TERMINATE + Postgres.literal(SCRATCH_DB));
            pg.query(target, "postgres", "DROP DATABASE IF EXISTS " + SCRATCH_DB);
            pg.query(target, "postgres", "CREATE DATABASE " + SCRATCH_DB + " OWNER " + Postgres.identifier(t.user()));
        }
    }

    /** The transfer already restored every member, each from bytes whose checksum the manifest and the new host confirmed. */
    static Map<String, String> restoredWhileStreaming(Map<String, String> transfer) {
        Map<String, String> out = new LinkedHashMap<>();
        transfer.forEach((k, v) -> {
            if (k.startsWith("restored:")) out.put(k, v);
        });
        if (out.isEmpty()) throw new IllegalStateException("a streamed transfer records what it restored");
        out.put("during", "transfer");
        return out;
    }

    /** Reads the staged payload back through a second connection, checks it here, and restores each dump into the scratch database. */
    Map<String, String> fromStaged(SshConnection target, Facts f, StagedPayload staged) {
        prepare(target, f);
        Map<String, String> out = new LinkedHashMap<>();
        var manifest = readStaged(f, staged, member -> member.startsWith("dumps/") ? plainSink(target, member, f) : OutputStream.nullOutputStream());
        for (var m : manifest.members()) if (m.name().startsWith("dumps/")) out.put("restored:" + m.name(), m.size() + " " + m.sha256());
        return out;
    }

    /**
     * A full check of the staged payload, changing nothing: decrypted here, its integrity code, every part's SHA-256 and
     * the manifest. A wrong passphrase or a damaged file stops here, before anything on the new host is stopped.
     */
    Map<String, String> check(SshConnection target, Facts f, StagedPayload staged) {
        var manifest = readStaged(f, staged, member -> OutputStream.nullOutputStream());
        Map<String, String> out = new LinkedHashMap<>();
        for (var m : manifest.members()) out.put("checked:" + m.name(), m.size() + " " + m.sha256());
        return out;
    }

    private io.sgmigrate.engine.payload.Manifest readStaged(Facts f, StagedPayload staged, Function<String, OutputStream> sinks) {
        TransferMeter meter = new TransferMeter(staged.encryptedBytes());
        // A second connection reads the staged payload, so reading and restoring never wait on one SSH session.
        try (SshConnection reader = connect.apply(targetAddress)) {
            reader.useSudoForDocker(f.targetSudo());
            Pipe staging = new Pipe(16, 256 * 1024);
            CompletableFuture<?> cat = CompletableFuture.runAsync(() -> {
                try (OutputStream o = new CountingOut(staging.out, meter, listener)) {
                    var r = reader.stream(RemoteCommand.of("cat", "--", staged.path()), null, o);
                    if (r.exitCode() != 0) staging.fail(new IOException("cat failed: " + r.stderr().strip()));
                } catch (IOException e) {
                    staging.fail(e);
                }
            }, Jobs.thread("sgmigrate-read-staged"));
            // Dumps go to psql; other members (the source snapshot) are checked against the manifest like every byte, and set aside.
            try {
                var manifest = PayloadReader.read(staging.in, unlock(), sinks::apply);
                cat.join();
                return manifest;
            } finally {
                // A reader that stopped early must not leave the pump blocked on a full pipe.
                try {
                    staging.in.close();
                } catch (IOException ignored) {
                    // closing a pipe end does not fail in a way that matters here
                }
                reader.close();
            }
        }
    }

    /** The reader hands plain bytes: psql reads them as they are, even where the new host could unpack. */
    private OutputStream plainSink(SshConnection target, String member, Facts f) {
        return sink(target, member, f.withoutUnpacking()).out();
    }

    private PayloadReader.Unlock unlock() {
        return new PayloadReader.Unlock.Passphrase(passphrase);
    }

    /**
     * psql on the new host reading a dump from stdin into the scratch database; through {@code gzip -dc} or
     * {@code zstd -dc} there when the dump arrives as the payload's compressed parts.
     */
    static RemoteCommand restoreCommand(Facts f, Compression c, String db) {
        RemoteCommand psql = Facts.target(db).postgres().restore(SCRATCH_DB, f.restoreOptions());
        if (!f.packedRestore(c)) return psql;
        RemoteCommand docker = f.targetSudo() ? psql.viaSudo() : psql;
        return RemoteCommand.of("sh", "-c", String.join(" ", c.decompressCommand()) + " | \"$@\"", "sgmigrate-restore")
                .with(docker.argv().toArray(String[]::new));
    }

    /**
     * psql on the new host reading one member: the first error stops it. When the member ends, a last statement
     * that prints a token of this run follows it; psql must exit 0 and have printed the token, so a restore
     * whose input was cut short (an unpacker that died on the way) is never taken for a complete one.
     */
    PayloadWriter.Copy sink(SshConnection target, String member, Facts f) {
        return sink(target, member, f, null);
    }

    /**
     * {@link #sink(SshConnection, String, Facts, String)} for a source that writes plain dumps: packed here on the way
     * when the new host unpacks the stream.
     */
    OutputStream plainSink(SshConnection target, String member, Facts f, String what) {
        PayloadWriter.Copy c = sink(target, member, f, what);
        return c.packed() ? new PackingOutputStream(c.out(), compression) : c.out();
    }

    /** {@link #sink(SshConnection, String, Facts)}, logged as restoring {@code what} (the source's name of the dump) when given. */
    PayloadWriter.Copy sink(SshConnection target, String member, Facts f, String what) {
        String db = f.databases().stream().filter(d -> Facts.member(d).equals(member)).findFirst()
                .orElseThrow(() -> Problem.of(Problem.Kind.INPUT, "migrate.restore.unknownMember", member));
        boolean packed = f.packedRestore(compression);
        listener.log("restoring " + (what == null ? db : what) + " into " + Facts.targetContainer(db) + (packed ? " (sent compressed, unpacked on the new host)" : ""));
        return new PayloadWriter.Copy(into(target, restoreCommand(f, compression, db), packed, db), packed);
    }

    /** The stream into {@code psql} (a command reading SQL on stdin), ending with the token statement; see {@link #sink}. */
    OutputStream into(SshConnection target, RemoteCommand psqlCommand, boolean packed, String db) {
        String token = "sgmigrate-restore-complete-" + java.util.HexFormat.of().formatHex(randomBytes(8));
        // The session commits without waiting for its WAL (RestoreTuning): this last one waits, and with it everything before it is on disk
        // before the run records the restore as done (a commit that has a transaction id flushes all WAL up to its own record).
        byte[] last = ("\n;\nSET synchronous_commit = on;\nSELECT pg_catalog.txid_current() > 0 AS flushed, '" + token + "';\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        // More than one part (8 MiB) in flight: handing a part to psql never waits for psql to finish the one before.
        Pipe p = new Pipe(40, 256 * 1024);
        Tail printed = new Tail(4096);
        CompletableFuture<io.sgmigrate.engine.ssh.SshConnection.StreamResult> psql = CompletableFuture.supplyAsync(
                () -> target.stream(psqlCommand, p.in, printed), Jobs.thread("sgmigrate-restore"));
        // Abortable: a payload found damaged ends psql's input without the token, so it is never taken for a complete restore.
        abstract class PsqlInput extends OutputStream implements io.sgmigrate.engine.payload.Abortable {}
        return new PsqlInput() {
            @Override
            public void abort() {
                try {
                    p.out.close();
                } catch (IOException ignored) {
                    // psql's input is gone either way; the payload's own error is the one reported
                }
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    p.out.write(b, off, len);
                } catch (IOException e) {
                    if (psql.isDone()) failed(psql.join());   // psql stopped reading: its error is the one to tell
                    throw e;
                }
            }

            @Override
            public void close() throws IOException {
                try {
                    byte[] end = packed ? compression.packAll(last) : last;
                    write(end, 0, end.length);
                } finally {
                    p.out.close();
                }
                io.sgmigrate.engine.ssh.SshConnection.StreamResult r = psql.join();
                failed(r);
                if (!printed.toString().contains(token)) {
                    throw Problem.of(Problem.Kind.REMOTE_COMMAND, "migrate.restore.cutShort", db, Facts.targetContainer(db)).withDetail(r.stderr().strip());
                }
            }

            private void failed(io.sgmigrate.engine.ssh.SshConnection.StreamResult r) {
                if (r.exitCode() != 0) {
                    String said = Facts.target(db).postgres().withServerLog(target, r.stderr().strip());
                    throw Problem.of(Problem.Kind.REMOTE_COMMAND, Postgres.diskFull(said) ? "migrate.restore.diskFull" : "migrate.restore.failed", db,
                            Facts.targetContainer(db)).withDetail(said);
                }
            }
        };
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new java.security.SecureRandom().nextBytes(b);
        return b;
    }

    /** The last bytes written to it (what psql printed last). */
    static final class Tail extends OutputStream {
        private final byte[] ring;
        private long written;

        Tail(int size) {
            ring = new byte[size];
        }

        @Override
        public synchronized void write(int b) {
            ring[(int) (written++ % ring.length)] = (byte) b;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) ring[(int) (written++ % ring.length)] = b[off + i];
        }

        @Override
        public synchronized String toString() {
            int n = (int) Math.min(written, ring.length);
            byte[] out = new byte[n];
            for (int i = 0; i < n; i++) out[i] = ring[(int) ((written - n + i) % ring.length)];
            return new String(out, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** DROP the database in use, RENAME scratch TO it, OWNER TO its user; safe to run again after a partial run. */
    static void swap(SshConnection target, Facts.Target t) {
        Postgres pg = t.postgres();
        String admin = t.adminDatabase();
        String name = Postgres.identifier(t.database());
        List<String> dbs = pg.databases(target);
        if (dbs.contains(SCRATCH_DB)) {
            if (dbs.contains(t.database())) {
                pg.query(target, admin, TERMINATE + Postgres.literal(t.database()));
                pg.query(target, admin, "DROP DATABASE " + name);
            }
            pg.query(target, admin, "ALTER DATABASE " + SCRATCH_DB + " RENAME TO " + name);
        } else if (!dbs.contains(t.database())) {
            throw Problem.of(Problem.Kind.PRECONDITION, "migrate.swap.lost", pg.container());
        }
        pg.query(target, admin, "ALTER DATABASE " + name + " OWNER TO " + Postgres.identifier(t.user()));
    }

    /** Counts the encrypted bytes read back for the restore, for its progress bar. */
    private static final class CountingOut extends java.io.FilterOutputStream {
        private final TransferMeter meter;
        private final MigrationListener listener;
        private long n;

        CountingOut(OutputStream out, TransferMeter meter, MigrationListener listener) {
            super(out);
            this.meter = meter;
            this.listener = listener;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            n += len;
            meter.moved(n);
            listener.progress(Step.RESTORE, meter);
        }
    }
}
