package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.docker.Container;
import io.sgmigrate.engine.docker.DockerCli;
import io.sgmigrate.engine.job.Poll;
import io.sgmigrate.engine.ssh.SshConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The restoring end of a migration: a Docker Compose deployment over SSH. What each of its steps does there; which
 * steps run, and when, is {@link Migration}'s. No operation here removes a volume.
 */
final class ComposeTarget {
    private final TargetSettings settings;
    private final SshConnection host;
    private final Facts facts;
    private final ComposeCli compose;

    ComposeTarget(TargetSettings settings, SshConnection host, Facts facts) {
        this.settings = settings;
        this.host = host;
        this.facts = facts;
        this.compose = new ComposeCli(facts.compose(), "");
    }

    SshConnection host() {
        return host;
    }

    private String file() {
        return facts.composeFile("docker-compose.yaml");
    }

    /** What the new host holds now: each database (size, data) and volume. */
    TargetInventory inventory() {
        return TargetInventory.read(host, Preflight.composeProject(new DockerCli(host), facts.composeDir()));
    }

    /** Stops every application service; the databases and their volumes stay. */
    Map<String, String> stopApplications() {
        List<String> apps = facts.applicationServices();
        if (!apps.isEmpty()) host.runChecked(compose.stop(file(), apps));
        return Map.of("stopped", String.join(",", apps));
    }

    Map<String, String> startDatabases() {
        host.runChecked(compose.up(file(), facts.databaseServices().toArray(String[]::new)));
        waitDatabases();
        return Map.of();
    }

    /** Until each database the run restores answers (after a restart of the engine or machine they may still be starting). */
    void waitDatabases() {
        for (String db : facts.databases()) waitReady(Facts.target(db).postgres());
    }

    /** Puts each scratch database in place of the one in use. */
    Map<String, String> swap() {
        waitDatabases();
        for (String db : facts.databases()) ScratchRestore.swap(host, Facts.target(db));
        return Map.of();
    }

    Map<String, String> startDeployment() {
        host.runChecked(compose.up(file()));
        return Map.of("containers", waitDeployment());
    }

    /** The containers of the deployment, by the folder Docker records for them. */
    List<Container> deploymentContainers() {
        return new DockerCli(host).containers().stream().filter(this::ofDeployment).toList();
    }

    /** The frontend's log lines since {@code since} (RFC 3339). */
    io.sgmigrate.engine.ssh.ExecResult frontendLog(String since) {
        return new DockerCli(host).logs(DeploymentChecks.FRONTEND, since, 5000);
    }

    /** Rows per table of each database the run restored, as the new host has them now. */
    Map<String, Map<String, Long>> rowCounts() {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (String db : facts.databases()) {
            Facts.Target t = Facts.target(db);
            out.put(db, new java.util.TreeMap<>(t.postgres().rowCounts(host, t.database())));
        }
        return out;
    }

    private void waitReady(Postgres pg) {
        if (!Poll.until(() -> host.run(pg.ready()).ok())) {
            throw Problem.of(Problem.Kind.REMOTE_COMMAND, "migrate.db.notReady", pg.container(), host.address().display());
        }
    }

    /**
     * Until every container of the deployment runs, or finished cleanly like deploy-sourcegraph-docker's one-shot
     * {@code migrator} ({@code Exited (0)}). Containers are the deployment's by the canonical folder Docker records.
     */
    private String waitDeployment() {
        DockerCli d = new DockerCli(host);
        List<String> notUp = new ArrayList<>();
        return Poll.forValue(() -> {
            List<Container> mine = d.containers().stream().filter(this::ofDeployment).toList();
            notUp.clear();
            for (Container c : mine) if (!c.running() && !c.exitedCleanly()) notUp.add(c.name() + " (" + c.status() + ")");
            return !mine.isEmpty() && notUp.isEmpty()
                    ? Optional.of(String.join(",", mine.stream().map(Container::name).sorted().toList())) : Optional.<String>empty();
        }).orElseThrow(() -> Problem.of(Problem.Kind.REMOTE_COMMAND, "migrate.deployment.notUp", facts.composeDir(), host.address().display())
                .withDetail(notUp.isEmpty() ? "no container of the deployment exists" : "not up: " + String.join(", ", notUp)));
    }

    private boolean ofDeployment(Container c) {
        String dir = c.labels().get("com.docker.compose.project.working_dir");
        return dir != null && (RunBinding.normal(dir).equals(facts.composeDir()) || RunBinding.normal(dir).equals(RunBinding.normal(settings.composeDir())));
    }
}
