package io.sgmigrate.engine.transfer;

import com.github.luben.zstd.ZstdInputStream;
import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.job.Jobs;
import io.sgmigrate.engine.payload.Compression;
import io.sgmigrate.engine.payload.Manifest;
import io.sgmigrate.engine.payload.PayloadWriter;
import io.sgmigrate.engine.payload.Protection;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.ssh.SshConnection;
import io.sgmigrate.engine.stream.Pipe;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Moves dumps from the old host to the new one through this machine without touching its disk: each
 * source command's stdout is cut, checksummed, compressed and encrypted into a payload that streams into
 * a file on the target, written under a temporary name, checked with {@code sha256sum} there and only
 * then renamed to its final name. A payload that is not complete never carries the final name.
 */
public final class PayloadTransfer {
    /** One member: its name in the payload and the command on the source whose stdout it is (zstd-compressed when packed). */
    public record Source(String member, RemoteCommand command, boolean zstdPacked) {
        public Source(String member, RemoteCommand command) {
            this(member, command, false);
        }
    }

    private final List<Protection> protections;
    private final Compression compression;
    private final int partSize;
    private final Map<String, byte[]> local = new LinkedHashMap<>();
    private final Map<String, String> meta = new LinkedHashMap<>();
    private boolean armored;
    private io.sgmigrate.engine.payload.Signer signer;
    private String readme;

    public PayloadTransfer(Protection protection, Compression compression, int partSize) {
        this(List.of(protection), compression, partSize);
    }

    public PayloadTransfer(List<Protection> protections, Compression compression, int partSize) {
        this.protections = List.copyOf(protections);
        this.compression = compression;
        this.partSize = partSize;
    }

    /** Adds a member made here (e.g. the source snapshot), written before the dumps. */
    public PayloadTransfer withMember(String name, byte[] data) {
        local.put(name, data.clone());
        return this;
    }

    /** ASCII armor around the payload ({@code .asc}) instead of binary OpenPGP. */
    public PayloadTransfer armored(boolean on) {
        armored = on;
        return this;
    }

    /** Signed by {@code by} (a one-pass signature around the archive, inside the encryption). */
    public PayloadTransfer signedBy(io.sgmigrate.engine.payload.Signer by) {
        signer = by;
        return this;
    }

    /** The plain {@code README.txt} that opens the archive (how to read the rest without sgmigrate). */
    public PayloadTransfer withReadme(String text) {
        readme = text;
        return this;
    }

    /** A non-secret fact for the manifest's {@code meta} (versions, the kind of source). */
    public PayloadTransfer withMeta(String key, String value) {
        meta.put(key, value);
        return this;
    }

    /** The command that writes stdin to {@code tmp} with owner-only permissions (no user text reaches the shell unquoted). */
    public static RemoteCommand receiveCommand(String tmpPath) {
        return RemoteCommand.of("sh", "-c", "umask 077 && cat > \"$1\"", "sgmigrate-receive", tmpPath);
    }

    public static RemoteCommand checksumCommand(String path) {
        return RemoteCommand.of("sha256sum", "--", path);
    }

    public static RemoteCommand commitCommand(String tmpPath, String finalPath) {
        return RemoteCommand.of("mv", "-f", "--", tmpPath, finalPath);
    }

    public StagedPayload run(SshConnection source, List<Source> members, SshConnection target, String finalPath,
                             LongConsumer plainBytes) {
        return run(source, members, target, finalPath, plainBytes, null);
    }

    /**
     * As above; when {@code alsoTo} is given, each member's bytes (plain, or the packed parts as stored) are
     * also written, part by part, to the copy it opens for that member (a restore). That stream is closed
     * when the member ends, and its close must fail if what consumed it failed.
     */
    public StagedPayload run(SshConnection source, List<Source> members, SshConnection target, String finalPath,
                             LongConsumer plainBytes, Function<String, PayloadWriter.Copy> alsoTo) {
        return run(source, members, new RemoteFile(target, finalPath), plainBytes, alsoTo);
    }

    /** The dumps of {@code members} on {@code source} as one payload written to {@code to} (a file on a host, a file here). */
    public StagedPayload run(SshConnection source, List<Source> members, PayloadDestination to, LongConsumer plainBytes,
                             Function<String, PayloadWriter.Copy> alsoTo) {
        CountingDigest counted = new CountingDigest(to.open());
        Manifest manifest;
        Map<String, Map<String, Long>> rowCounts = new LinkedHashMap<>();
        try {
            try (PayloadWriter w = new PayloadWriter(counted, protections, signer, compression, partSize, armored, plainBytes)) {
                if (readme != null) w.readme(readme);
                w.meta("source", source.address().display());
                meta.forEach(w::meta);
                for (Map.Entry<String, byte[]> m : local.entrySet()) w.addMember(m.getKey(), new java.io.ByteArrayInputStream(m.getValue()));
                for (Source s : members) rowCounts.put(s.member(), addMember(w, source, s, alsoTo));
                manifest = w.finish();
            }
        } catch (IOException | RuntimeException e) {
            throw to.abandon(e);
        }
        return to.commit(new StagedPayload(null, counted.count, counted.hex(), manifest, Map.copyOf(rowCounts)));
    }

    /** Where a payload is written: opened once, then committed (checked, given its final name) or abandoned. */
    public interface PayloadDestination {
        OutputStream open();

        /** Everything was written: {@code written}'s size and SHA-256 are what left here; returns it with its final path. */
        StagedPayload commit(StagedPayload written);

        /** Writing failed: what is under the temporary name is dropped; returns the failure to throw. */
        RuntimeException abandon(Exception cause);
    }

    /** A file on a host, received by {@code cat} over SSH under a temporary name, checked by sha256sum there, then renamed. */
    private static final class RemoteFile implements PayloadDestination {
        private final SshConnection target;
        private final String finalPath;
        private final String tmp;
        private final Pipe upload = new Pipe(16, 256 * 1024);
        private CompletableFuture<SshConnection.StreamResult> receiver;

        RemoteFile(SshConnection target, String finalPath) {
            this.target = target;
            this.finalPath = finalPath;
            this.tmp = finalPath + ".partial";
        }

        @Override
        public OutputStream open() {
            receiver = CompletableFuture.supplyAsync(() -> target.stream(receiveCommand(tmp), upload.in, OutputStream.nullOutputStream()),
                    Jobs.thread("sgmigrate-upload"));
            return upload.out;
        }

        @Override
        public RuntimeException abandon(Exception e) {
            upload.fail(e instanceof IOException io ? io : new IOException(e));
            receiver.cancel(true);
            if (e instanceof Problem p) return p;
            return Problem.of(Problem.Kind.CONNECTION, "transfer.upload.broken", target.address().display(), tmp).causedBy(e);
        }

        @Override
        public StagedPayload commit(StagedPayload w) {
            SshConnection.StreamResult r = Jobs.join(receiver);
            if (r.exitCode() != 0) {
                throw Problem.of(Problem.Kind.REMOTE_COMMAND, "transfer.upload.failed", target.address().display(), tmp).withDetail(r.stderr().strip());
            }
            String remote = target.runChecked(checksumCommand(tmp)).stdout().strip().split("\\s+")[0];
            if (!w.sha256().equals(remote)) {
                throw Problem.of(Problem.Kind.REMOTE_COMMAND, "transfer.checksum.mismatch", target.address().display(), tmp, w.sha256(), remote);
            }
            target.runChecked(commitCommand(tmp, finalPath));
            return new StagedPayload(finalPath, w.encryptedBytes(), w.sha256(), w.manifest(), w.rowCounts());
        }
    }

    private static Map<String, Long> addMember(PayloadWriter w, SshConnection source, Source s, Function<String, PayloadWriter.Copy> alsoTo)
            throws IOException {
        // One part (8 MiB) of read-ahead: pg_dump keeps going while the part before is compressed, hashed and encrypted.
        Pipe dump = new Pipe(40, 256 * 1024);
        CompletableFuture<SshConnection.StreamResult> producer = CompletableFuture.supplyAsync(() -> {
            try (OutputStream o = dump.out) {
                return source.stream(s.command(), null, o);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, Jobs.thread("sgmigrate-dump"));
        producer.whenComplete((res, ex) -> {
            if (ex != null) dump.fail(new IOException(ex));
        });
        CopyRowCounter rows = new CopyRowCounter(s.zstdPacked() ? new ZstdInputStream(dump.in) : dump.in);
        PayloadWriter.Copy copy = alsoTo == null ? null : alsoTo.apply(s.member());
        try {
            w.addMember(s.member(), rows, copy);
            if (copy != null) copy.out().close();
        } catch (IOException | RuntimeException e) {
            if (copy != null) {
                try {
                    copy.out().close();
                } catch (IOException | RuntimeException x) {
                    e.addSuppressed(x);
                }
            }
            throw e;
        } finally {
            dump.in.close();
        }
        SshConnection.StreamResult r = Jobs.join(producer);
        if (r.exitCode() != 0) {
            throw Problem.of(Problem.Kind.REMOTE_COMMAND, "transfer.dump.failed", s.command().render(), source.address().display(), r.exitCode())
                    .withDetail(r.stderr().strip());
        }
        return rows.counts();
    }

    /** Counts and hashes the encrypted bytes on their way to the target. */
    private static final class CountingDigest extends FilterOutputStream {
        private final MessageDigest digest;
        long count;

        CountingDigest(OutputStream out) {
            super(out);
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            digest.update(b, off, len);
            count += len;
            out.write(b, off, len);
        }

        String hex() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
