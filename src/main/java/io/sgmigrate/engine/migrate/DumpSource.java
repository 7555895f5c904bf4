package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.payload.Compression;
import io.sgmigrate.engine.snapshot.FingerprintKey;
import io.sgmigrate.engine.snapshot.Snapshot;
import io.sgmigrate.engine.ssh.SshAddress;
import io.sgmigrate.engine.ssh.SshConnection;
import io.sgmigrate.engine.transfer.PayloadTransfer;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Where a migration's database dumps come from; {@link Migration} is the rest. A source is only ever read. Its
 * databases are named by {@link Facts#target}'s rules, and each dump is the member {@link Facts#member} of the run.
 */
sealed interface DumpSource permits DumpSource.OnHost, DumpSource.Payload {

    /**
     * Opens the source (the connect step) with the run's own connector; returns what the run's journal binds to it.
     * A source that reads much to open (a payload file, all of it) tells {@code reading} how far it got.
     */
    Map<String, String> open(Function<SshAddress, SshConnection> connect, Reading reading);

    /** How far opening a source got: {@code done} of {@code total} bytes read. */
    @FunctionalInterface
    interface Reading {
        Reading NONE = (done, total) -> {};

        void at(long done, long total);
    }

    /** The source's half of pre-flight, read-only. */
    Preflight.Offer preflight(Preflight checks);

    /** The instance as it is before anything moves (the verification's baseline), or null when the source has none. */
    Snapshot snapshot(FingerprintKey key, Consumer<String> log);

    /** The source's line of a stopped run's state, e.g. "Old host: unchanged (it is only read)." */
    String state();

    /** A source whose dumps are made on a host and read over SSH: they cross as a payload staged on the new host. */
    non-sealed interface OnHost extends DumpSource {
        SshConnection host();

        /** The instance's databases, for read-only queries (its configuration, qualification); the caller closes it. */
        io.sgmigrate.engine.snapshot.InstanceDatabases databases();

        /** What the source is, for the payload's manifest and README: "single container sourcegraph", "Docker Compose (/srv/dc)". */
        String kind();


        /** The pg_dump of database {@code db} on the host, as it writes plain SQL. */
        io.sgmigrate.engine.shell.RemoteCommand pgDump(Facts f, String db);

        /**
         * One dump per database of {@code f}, as the payload's members: where pre-flight found zstd on the host, compressed
         * by {@code zstd -1} before it crosses the network, exiting with pg_dump's own status (70 when zstd itself failed).
         */
        default List<PayloadTransfer.Source> dumps(Facts f, Compression c) {
            return f.databases().stream().map(db -> {
                io.sgmigrate.engine.shell.RemoteCommand dump = pgDump(f, db);
                if (f.packedDump(c)) dump = SingleContainerSource.zstdOnTheHost(f.sourceSudo() ? dump.viaSudo() : dump);
                return new PayloadTransfer.Source(Facts.member(db), dump, f.packedDump(c));
            }).toList();
        }

        /** The source's lines of the dry run: each dump command and where its output goes. */
        default List<Plan.Line> plan(Facts f, Compression c) {
            return dumps(f, c).stream().map(d -> new Plan.Line(Step.TRANSFER, "old", d.command().render(), "stdout streams to this machine"
                    + (d.zstdPacked() ? " compressed (zstd -1)" : "") + ": rows counted per table, cut into parts, SHA-256, "
                    + c.name().toLowerCase(java.util.Locale.ROOT) + ", OpenPGP AES-256; never written here")).toList();
        }
    }

    /** A source that is a payload already, here: its dumps are read straight into the restore. */
    non-sealed interface Payload extends DumpSource {
        /**
         * Reads every dump of {@code f} into {@code restore.apply(member, what)} ({@code what}: the dump as the file names it), each closed when its dump ended and checked (a
         * stream that must not be trusted is aborted instead); returns what the journal keeps of it ({@code count:DB:TABLE}).
         */
        Map<String, String> read(Facts f, BiFunction<String, String, OutputStream> restore, LongConsumer bytesRead);

        /** The source's lines of the dry run. */
        List<Plan.Line> plan(Facts f);

        /** The site configuration the payload brings as a file of its own (after pre-flight), to be put in place. */
        default java.util.Optional<SiteConfigEdit> siteConfig() {
            return java.util.Optional.empty();
        }

        /** The {@code src snapshot summary} the payload brings (after pre-flight): the new instance is checked against it. */
        default java.util.Optional<io.sgmigrate.engine.verify.SrcSummary> summary() {
            return java.util.Optional.empty();
        }
    }
}
