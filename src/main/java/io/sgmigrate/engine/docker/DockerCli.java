package io.sgmigrate.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.ssh.ExecResult;
import io.sgmigrate.engine.ssh.SshConnection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code docker} command line of one host, driven over SSH. */
public final class DockerCli {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SshConnection host;

    public DockerCli(SshConnection host) {
        this.host = host;
    }

    public static RemoteCommand versionCommand() {
        return RemoteCommand.of("docker", "version", "--format", "{{.Server.Version}}");
    }

    public static RemoteCommand psCommand() {
        return RemoteCommand.of("docker", "ps", "--all", "--no-trunc", "--format", "{{json .}}");
    }

    /** {@code docker exec -i CONTAINER ARGV...}: never {@code -t}, a TTY would corrupt piped data. */
    public static RemoteCommand execCommand(String container, List<String> argv) {
        return execCommand(List.of(), container, argv);
    }

    /** As above with {@code docker exec} options before the container (e.g. {@code -e NAME=value}). */
    public static RemoteCommand execCommand(List<String> options, String container, List<String> argv) {
        List<String> all = new ArrayList<>(List.of("docker", "exec", "-i"));
        all.addAll(options);
        all.add(container);
        all.addAll(argv);
        return RemoteCommand.of(all);
    }

    /** The Docker engine's version; a clear problem if docker is missing or not permitted for this login. */
    public String serverVersion() {
        ExecResult r = host.run(versionCommand());
        if (!r.ok()) {
            String err = r.stderr();
            String who = host.address().display();
            if (err.contains("permission denied")) {
                // Not in the docker group: sudo without a password is the other usual way.
                ExecResult sudo = host.run(versionCommand().viaSudo());
                if (sudo.ok()) {
                    host.useSudoForDocker(true);
                    return sudo.stdout().strip();
                }
                throw Problem.of(Problem.Kind.PRECONDITION, "docker.permission", who).withDetail(err.strip() + " | sudo -n: " + sudo.stderr().strip());
            }
            if (r.exitCode() == 127 || err.contains("not found")) throw Problem.of(Problem.Kind.PRECONDITION, "docker.missing", who).withDetail(err.strip());
            throw Problem.of(Problem.Kind.PRECONDITION, "docker.unavailable", who).withDetail(err.strip());
        }
        return r.stdout().strip();
    }

    public List<Container> containers() {
        return parsePs(host.runChecked(psCommand()).stdout());
    }

    public Optional<Container> container(String nameOrId) {
        return containers().stream().filter(c -> c.name().equals(nameOrId) || c.id().startsWith(nameOrId)).findFirst();
    }

    /** The container's log lines (stdout and stderr) since {@code since} (an RFC 3339 time), at most the last {@code tail}. */
    public ExecResult logs(String container, String since, int tail) {
        return host.run(RemoteCommand.of("docker", "logs", "--since", since, "--tail", Integer.toString(tail), container));
    }

    /** How often Docker restarted each of these containers, by name; empty when docker inspect could not say. */
    public Map<String, Integer> restartCounts(List<String> ids) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        if (ids.isEmpty()) return out;
        List<String> argv = new ArrayList<>(List.of("docker", "inspect", "--format", "{{.Name}} {{.RestartCount}}"));
        argv.addAll(ids);
        ExecResult r = host.run(RemoteCommand.of(argv));
        if (!r.ok()) return out;
        for (String line : r.stdout().split("\n")) {
            String[] p = line.strip().split(" ");
            if (p.length == 2 && p[1].matches("\\d+")) out.put(p[0].startsWith("/") ? p[0].substring(1) : p[0], Integer.parseInt(p[1]));
        }
        return out;
    }

    public ExecResult exec(String container, List<String> argv) {
        return host.run(execCommand(container, argv));
    }

    /** Parses {@code docker ps --format '{{json .}}'} output, one JSON object a line. */
    public static List<Container> parsePs(String output) {
        List<Container> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) continue;
            try {
                JsonNode n = JSON.readTree(line);
                out.add(new Container(text(n, "ID"), firstName(text(n, "Names")), text(n, "Image"), text(n, "State"), text(n, "Status"),
                        parseLabels(text(n, "Labels"))));
            } catch (IOException e) {
                throw Problem.of(Problem.Kind.REMOTE_COMMAND, "docker.ps.unreadable").withDetail(line);
            }
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static String firstName(String names) {
        int comma = names.indexOf(',');
        return comma < 0 ? names : names.substring(0, comma);
    }

    /** Docker's {@code k=v,k=v} label text as a map. */
    public static Map<String, String> parseLabelList(String labels) {
        return parseLabels(labels);
    }

    static Map<String, String> parseLabels(String labels) {
        Map<String, String> out = new LinkedHashMap<>();
        if (labels.isEmpty()) return out;
        for (String pair : labels.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) out.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return out;
    }
}
