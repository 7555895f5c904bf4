package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.ssh.SshConnection;
import java.util.ArrayList;
import java.util.List;

/**
 * Docker Compose on the new host, v1 ({@code docker-compose}) or v2 ({@code docker compose}). Files are
 * passed by absolute path, so the project name is the compose directory's name, as when the admin ran
 * {@code docker-compose up} there, and no {@code cd} (a shell) is needed.
 */
public record ComposeCli(List<String> program, String version) {

    public static ComposeCli detect(SshConnection host) {
        var v2 = host.run(RemoteCommand.of("docker", "compose", "version", "--short"));
        if (v2.ok() && !v2.stdout().isBlank()) return new ComposeCli(List.of("docker", "compose"), v2.stdout().strip());
        var v1 = host.run(RemoteCommand.of("docker-compose", "version", "--short"));
        if (v1.ok() && !v1.stdout().isBlank()) return new ComposeCli(List.of("docker-compose"), v1.stdout().strip());
        throw Problem.of(Problem.Kind.PRECONDITION, "compose.missing", host.address().display());
    }

    /** For plans made without a connection (dry runs that could not probe). */
    public static ComposeCli assumedV1() {
        return new ComposeCli(List.of("docker-compose"), "?");
    }

    public RemoteCommand command(String file, String... args) {
        List<String> argv = new ArrayList<>(program);
        argv.add("-f");
        argv.add(file);
        argv.addAll(List.of(args));
        return RemoteCommand.of(argv);
    }

    /** Stops the named services and nothing else; containers, networks and volumes stay. */
    public RemoteCommand stop(String file, List<String> services) {
        List<String> args = new ArrayList<>(List.of("stop"));
        args.addAll(services);
        return command(file, args.toArray(String[]::new));
    }

    public RemoteCommand up(String file, String... services) {
        List<String> args = new ArrayList<>(List.of("up", "-d"));
        args.addAll(List.of(services));
        return command(file, args.toArray(String[]::new));
    }

    /** The services the compose file defines, one per line. */
    public RemoteCommand services(String file) {
        return command(file, "config", "--services");
    }

    /** The images the compose file names, one per line (version check). */
    public RemoteCommand config(String file) {
        return command(file, "config");
    }
}
