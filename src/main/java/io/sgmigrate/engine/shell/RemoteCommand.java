package io.sgmigrate.engine.shell;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A command for a remote host as a list of words (argv), never as a string built by concatenation.
 * {@link #render()} produces the quoted line that is sent, and shown in dry runs.
 */
public final class RemoteCommand {
    private final List<String> argv;

    private RemoteCommand(List<String> argv) {
        if (argv.isEmpty()) throw new IllegalArgumentException("empty command");
        argv.forEach(Objects::requireNonNull);
        this.argv = Collections.unmodifiableList(new ArrayList<>(argv));
    }

    public static RemoteCommand of(String program, String... args) {
        List<String> all = new ArrayList<>();
        all.add(program);
        Collections.addAll(all, args);
        return new RemoteCommand(all);
    }

    public static RemoteCommand of(List<String> argv) {
        return new RemoteCommand(argv);
    }

    public RemoteCommand with(String... more) {
        List<String> all = new ArrayList<>(argv);
        Collections.addAll(all, more);
        return new RemoteCommand(all);
    }

    /** The same command run as root through {@code sudo -n} (never asks for a password: fails instead). */
    public RemoteCommand viaSudo() {
        List<String> all = new ArrayList<>(List.of("sudo", "-n", "--"));
        all.addAll(argv);
        return new RemoteCommand(all);
    }

    /** Whether this runs the Docker command line ({@code docker} or {@code docker-compose}). */
    public boolean isDocker() {
        return argv.get(0).equals("docker") || argv.get(0).equals("docker-compose");
    }

    public List<String> argv() {
        return argv;
    }

    /** The line as a POSIX shell reads it. */
    public String render() {
        return Shell.join(argv);
    }

    @Override
    public String toString() {
        return render();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RemoteCommand other && other.argv.equals(argv);
    }

    @Override
    public int hashCode() {
        return argv.hashCode();
    }
}
