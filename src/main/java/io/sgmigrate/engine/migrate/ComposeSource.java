package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.payload.Compression;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.snapshot.FingerprintKey;
import io.sgmigrate.engine.snapshot.InstanceDatabases;
import io.sgmigrate.engine.snapshot.Snapshot;
import io.sgmigrate.engine.snapshot.SnapshotTaker;
import io.sgmigrate.engine.ssh.SshAddress;
import io.sgmigrate.engine.ssh.SshConnection;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A Docker Compose deployment over SSH as the source, read only: each database dumped by pg_dump in its own container
 * ({@code pgsql}, {@code codeintel-db}, {@code codeinsights-db}, as {@link Facts#TARGETS} names them). Its databases go by
 * the names a single container gives them, so the payload and every target treat both sources alike.
 */
final class ComposeSource implements DumpSource.OnHost {
    private final SshAddress address;
    private final String composeDir;
    private final Compression compression;
    private SshConnection host;

    ComposeSource(SshAddress address, String composeDir, Compression compression) {
        this.address = address;
        this.composeDir = composeDir;
        this.compression = compression;
    }

    @Override
    public Map<String, String> open(Function<SshAddress, SshConnection> connect, Reading reading) {
        host = connect.apply(address);
        Map<String, String> m = new java.util.LinkedHashMap<>(RunBinding.source(address, java.util.Optional.empty(), host));
        m.put(RunBinding.SOURCE_COMPOSE_DIR, RunBinding.normal(composeDir));
        return m;
    }

    @Override
    public SshConnection host() {
        return host;
    }

    @Override
    public Preflight.Offer preflight(Preflight checks) {
        return checks.composeSource(host, composeDir, compression);
    }

    @Override
    public Snapshot snapshot(FingerprintKey key, Consumer<String> log) {
        return new SnapshotTaker(log, Migration.MIGRATION_CORE_FINGERPRINT_LIMIT, key).take(host, null, composeDir, false);
    }

    @Override
    public InstanceDatabases databases() {
        return InstanceDatabases.compose(host, composeDir, false);
    }

    @Override
    public String kind() {
        return "Docker Compose (" + composeDir + ")";
    }

    @Override
    public String state() {
        return "Old host: unchanged (it is only read).";
    }

    /** pg_dump of one database in its own container. */
    @Override
    public RemoteCommand pgDump(Facts f, String db) {
        Facts.Target t = Facts.target(db);
        return t.postgres().dump(t.database());
    }
}
