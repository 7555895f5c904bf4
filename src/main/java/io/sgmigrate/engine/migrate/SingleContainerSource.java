package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.payload.Compression;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.snapshot.FingerprintKey;
import io.sgmigrate.engine.snapshot.Snapshot;
import io.sgmigrate.engine.snapshot.SnapshotTaker;
import io.sgmigrate.engine.ssh.SshAddress;
import io.sgmigrate.engine.ssh.SshConnection;
import io.sgmigrate.engine.transfer.PayloadTransfer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** The old instance: a {@code sourcegraph/server} container over SSH, read only, its databases dumped by pg_dump in it. */
final class SingleContainerSource implements DumpSource.OnHost {
    private final SshAddress address;
    private final Optional<String> named;
    private final Compression compression;
    private SshConnection host;
    private String container;

    SingleContainerSource(MigrationSettings settings) {
        this(settings.source(), settings.container(), settings.compression());
    }

    /** The container {@code named} (or the only Sourcegraph one) on {@code address}, its dumps for payloads compressed by {@code compression}. */
    SingleContainerSource(SshAddress address, Optional<String> named, Compression compression) {
        this.address = address;
        this.named = named;
        this.compression = compression;
    }

    @Override
    public Map<String, String> open(Function<SshAddress, SshConnection> connect, Reading reading) {
        host = connect.apply(address);
        return RunBinding.source(address, named, host);
    }

    @Override
    public SshConnection host() {
        return host;
    }

    @Override
    public Preflight.Offer preflight(Preflight checks) {
        Preflight.Offer offer = checks.source(host, named, compression);
        container = offer.container();
        return offer;
    }

    @Override
    public Snapshot snapshot(FingerprintKey key, Consumer<String> log) {
        return new SnapshotTaker(log, Migration.MIGRATION_CORE_FINGERPRINT_LIMIT, key).take(host, container, null, false);
    }

    @Override
    public String state() {
        return "Old host: unchanged (it is only read).";
    }

    @Override
    public List<PayloadTransfer.Source> dumps(Facts f, Compression c) {
        List<PayloadTransfer.Source> members = new ArrayList<>();
        for (String db : f.databases()) members.add(new PayloadTransfer.Source(Facts.member(db), dumpCommand(f, c, db), f.packedDump(c)));
        return members;
    }

    @Override
    public List<Plan.Line> plan(Facts f, Compression c) {
        List<Plan.Line> l = new ArrayList<>();
        for (String db : f.databases()) {
            l.add(new Plan.Line(Step.TRANSFER, "old", dumpCommand(f, c, db).render(), "stdout streams to this machine"
                    + (f.packedDump(c) ? " compressed (zstd -1)" : "") + ": rows counted per table, cut into parts, SHA-256, "
                    + c.name().toLowerCase(java.util.Locale.ROOT) + ", OpenPGP AES-256; never written here"));
        }
        return l;
    }

    /**
     * pg_dump of one database on the old host; where pre-flight found zstd there, compressed by {@code zstd -1}
     * before it crosses the network, and exiting with pg_dump's own status (70 when zstd itself failed).
     */
    static RemoteCommand dumpCommand(Facts f, Compression c, String db) {
        RemoteCommand dump = new Postgres(f.container(), "postgres").dump(db);
        if (!f.packedDump(c)) return dump;
        return zstdOnTheHost(f.sourceSudo() ? dump.viaSudo() : dump);
    }

    /** {@code command | zstd -1} on its host, exiting with the command's own status, or 70 when zstd failed (sh has no pipefail). */
    static RemoteCommand zstdOnTheHost(RemoteCommand command) {
        return RemoteCommand.of("sh", "-c", "exec 3>&1; s=$( { { \"$@\"; echo $? >&4; } | zstd -1 -q -c >&3; } 4>&1 ) || exit 70; exit \"${s:-71}\"",
                "sgmigrate-dump").with(command.argv().toArray(String[]::new));
    }
}
