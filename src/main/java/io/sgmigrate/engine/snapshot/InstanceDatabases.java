package io.sgmigrate.engine.snapshot;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.docker.Container;
import io.sgmigrate.engine.docker.DockerCli;
import io.sgmigrate.engine.job.Poll;
import io.sgmigrate.engine.secret.Secret;
import io.sgmigrate.engine.sql.DockerExecSql;
import io.sgmigrate.engine.sql.JdbcSql;
import io.sgmigrate.engine.sql.Sql;
import io.sgmigrate.engine.ssh.SshConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where an instance keeps its databases, by role. A single container holds them all ({@code sourcegraph},
 * {@code sourcegraph-codeintel}, {@code sourcegraph-codeinsights}, superuser postgres); a compose deployment
 * has one container each ({@code pgsql} and {@code codeintel-db} as sg, {@code codeinsights-db} as postgres).
 */
public final class InstanceDatabases implements AutoCloseable {
    private final Snapshot.Instance instance;
    private final List<SnapshotTaker.Source> sources;

    private InstanceDatabases(Snapshot.Instance instance, List<SnapshotTaker.Source> sources) {
        this.instance = instance;
        this.sources = sources;
    }

    public Snapshot.Instance instance() {
        return instance;
    }

    public List<SnapshotTaker.Source> sources() {
        return sources;
    }

    /** The single {@code sourcegraph/server} container {@code nameOrId} (or the one running), read with docker exec. */
    public static InstanceDatabases singleContainer(SshConnection host, Optional<String> nameOrId) {
        DockerCli docker = new DockerCli(host);
        docker.serverVersion();
        List<Container> all = docker.containers();
        Container c = nameOrId.map(n -> docker.container(n).orElseThrow(() -> Problem.of(Problem.Kind.PRECONDITION, "snapshot.noContainer", n,
                        host.address().display())))
                .orElseGet(() -> all.stream().filter(x -> x.imageRepository().endsWith("sourcegraph/server") && x.running()).findFirst()
                        .orElseThrow(() -> Problem.of(Problem.Kind.PRECONDITION, "snapshot.noServer", host.address().display())));
        Sql sql = new DockerExecSql(host, c.name(), "postgres");
        List<String> dbs = sql.rows("postgres", "select datname from pg_database where not datistemplate order by 1").stream().map(r -> r.get(0)).toList();
        List<SnapshotTaker.Source> sources = new ArrayList<>();
        for (String[] roleDb : new String[][] {{"frontend", "sourcegraph"}, {"codeintel", "sourcegraph-codeintel"}, {"codeinsights", "sourcegraph-codeinsights"}}) {
            if (dbs.contains(roleDb[1])) sources.add(new SnapshotTaker.Source(roleDb[0], roleDb[1], sql));
        }
        if (sources.isEmpty()) throw Problem.of(Problem.Kind.PRECONDITION, "snapshot.noDatabases", c.name(), host.address().display());
        String tag = c.imageTag();
        return new InstanceDatabases(new Snapshot.Instance(host.address().display(), "single-container", c.name(),
                tag != null && tag.matches("\\d+\\.\\d+\\.\\d+.*") ? tag : null, null), sources);
    }

    /**
     * The running database containers of the compose deployment in {@code composeDir}: through docker exec, or
     * with {@code jdbc} through an SSH tunnel to each container's address with the deployment's default passwords.
     */
    public static InstanceDatabases compose(SshConnection host, String composeDir, boolean jdbc) {
        DockerCli docker = new DockerCli(host);
        docker.serverVersion();
        List<Container> all = docker.containers();
        List<SnapshotTaker.Source> sources = new ArrayList<>();
        String[][] layout = {{"frontend", "pgsql", "sg", "sg", "sg"}, {"codeintel", "codeintel-db", "sg", "sg", "sg"},
                {"codeinsights", "codeinsights-db", "postgres", "postgres", "password"}};
        for (String[] l : layout) {
            Optional<Container> c = all.stream().filter(x -> x.name().equals(l[1]) && x.running()).findFirst();
            if (c.isEmpty()) continue;
            waitUntilReady(host, l[1], l[3]);
            Sql sql = jdbc ? new JdbcSql(host, JdbcSql.containerAddress(host, l[1]), 5432, l[3], Secret.adopt(l[4].toCharArray()))
                    : new DockerExecSql(host, l[1], l[3]);
            sources.add(new SnapshotTaker.Source(l[0], l[2], sql));
        }
        if (sources.isEmpty()) throw Problem.of(Problem.Kind.PRECONDITION, "snapshot.noComposeDatabases", composeDir, host.address().display());
        return new InstanceDatabases(new Snapshot.Instance(host.address().display(), "compose", composeDir, null, null), sources);
    }

    /** A container just started may still be initialising its database: wait (up to two minutes) until it answers over TCP. */
    private static void waitUntilReady(SshConnection host, String container, String user) {
        io.sgmigrate.engine.shell.RemoteCommand ready = DockerCli.execCommand(container,
                List.of("pg_isready", "-q", "-h", "127.0.0.1", "-U", user, "-d", "postgres"));
        if (!Poll.until(() -> host.run(ready).ok())) {
            throw Problem.of(Problem.Kind.REMOTE_COMMAND, "migrate.db.notReady", container, host.address().display());
        }
    }

    @Override
    public void close() {
        sources.stream().map(SnapshotTaker.Source::sql).distinct().forEach(Sql::close);
    }
}
