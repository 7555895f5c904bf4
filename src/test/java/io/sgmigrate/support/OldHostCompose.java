package io.sgmigrate.support;

import io.sgmigrate.engine.lab.LabEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A second Docker Compose deployment, on the lab's old host's engine: the new host's compose files and the same stand-in
 * images (the old host's image, tagged as the compose images), in the old login's home. For a move between two Compose
 * hosts; taken down again, volumes and tags too, when closed.
 */
public final class OldHostCompose implements AutoCloseable {
    private static final List<String> IMAGES = List.of("postgres-12-alpine", "codeintel-db", "codeinsights-db", "frontend", "migrator");
    private final LabEnvironment lab;
    private final Path dir;
    private final String socket;

    private OldHostCompose(LabEnvironment lab, Path dir, String socket) {
        this.lab = lab;
        this.dir = dir;
        this.socket = socket;
    }

    /** Up and ready (each database answers, the schema made by the stand-in frontend or migrator). */
    public static OldHostCompose up(LabEnvironment lab) throws Exception {
        String socket = lab.get("LAB_SOURCE_DOCKER_HOST").orElseThrow();
        String v = lab.version();
        Path dir = Path.of("/home/sgold/deploy-sourcegraph-docker-b/docker-compose");
        OldHostCompose c = new OldHostCompose(lab, dir, socket);
        c.down();
        for (String image : IMAGES) LabFaults.sh("docker", "-H", socket, "tag", "sourcegraph/server:" + v, "index.docker.io/sourcegraph/" + image + ":" + v);
        Files.createDirectories(dir);
        try (var files = Files.list(Path.of(lab.composeDir()))) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".yaml")).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        LabFaults.sh("chown", "-R", "sgold:sgold", dir.getParent().toString());
        c.compose("up", "-d");
        String ready = "select count(*) from critical_and_site_config";
        for (int i = 0; i < 480; i++) {
            try {
                if ("1".equals(c.psql("pgsql", "sg", "sg", ready))) return c;
            } catch (AssertionError notYet) {
                // the container is still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the old host's Compose deployment did not come up in " + dir);
    }

    /** The compose folder on the old host. */
    public String dir() {
        return dir.toString();
    }

    /** One value from a database of this deployment. */
    public String psql(String container, String user, String database, String sql) {
        return LabFaults.sh("docker", "-H", socket, "exec", container, "psql", "-U", user, "-d", database, "-At", "-c", sql).strip();
    }

    private void compose(String... args) {
        List<String> argv = new ArrayList<>(List.of("runuser", "-u", "sgold", "--", "env", "HOME=/home/sgold", "DOCKER_HOST=" + socket,
                "docker-compose", "--project-directory", dir.toString(), "-f", dir.resolve("docker-compose.yaml").toString()));
        argv.addAll(List.of(args));
        LabFaults.sh(argv.toArray(String[]::new));
    }

    private void down() {
        if (Files.exists(dir.resolve("docker-compose.yaml"))) {
            try {
                compose("down", "--volumes");
            } catch (AssertionError e) {
                // nothing was up
            }
        }
        for (String image : IMAGES) {
            try {
                LabFaults.sh("docker", "-H", socket, "rmi", "index.docker.io/sourcegraph/" + image + ":" + lab.version());
            } catch (AssertionError e) {
                // not tagged
            }
        }
        LabFaults.sh("rm", "-rf", dir.getParent().toString());
    }

    @Override
    public void close() {
        down();
    }
}
