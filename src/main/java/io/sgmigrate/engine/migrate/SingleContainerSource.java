package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.payload.Compression;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.snapshot.FingerprintKey;
import io.sgmigrate.engine.snapshot.Snapshot;
import io.sgmigrate.engine.snapshot.SnapshotTaker;
import io.sgmigrate.engine.ssh.SshAddress;
import io.sgmigrate.engine.ssh.SshConnection;
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
    public io.sgmigrate.engine.snapshot.InstanceDatabases databases() {
        return io.sgmigrate.engine.snapshot.InstanceDatabases.singleContainer(host, Optional.ofNullable(container));
    }

    @Override
    public String kind() {
        return "single container " + container;
    }

    @Override
    public String state() {
        return "Old host: unchanged (it is only read).";
    }

    /** pg_dump of one database in the container; {@link DumpSource.OnHost#dumps} compresses it on the host when it can. */
    @Override
    public RemoteCommand pgDump(Facts f, String db) {
        return new Postgres(f.container(), "postgres").dump(db);
    }

    /** {@code command | zstd -1} on its host, exiting with the command's own status, or 70 when zstd failed (sh has no pipefail). */
    static RemoteCommand zstdOnTheHost(RemoteCommand command) {
        return RemoteCommand.of("sh", "-c", "exec 3>&1; s=$( { { \"$@\"; echo $? >&4; } | zstd -1 -q -c >&3; } 4>&1 ) || exit 70; exit \"${s:-71}\"",
                "sgmigrate-dump").with(command.argv().toArray(String[]::new));
    }
}
