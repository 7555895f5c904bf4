package io.sgmigrate.cli;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.snapshot.FingerprintKey;
import io.sgmigrate.engine.snapshot.Snapshot;
import io.sgmigrate.engine.snapshot.SnapshotFile;
import io.sgmigrate.engine.snapshot.SnapshotTaker;
import io.sgmigrate.engine.ssh.SshAddress;
import io.sgmigrate.engine.ssh.SshConnector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = {"Captures what cannot be regenerated of a live instance (row counts, content fingerprints, sequences,",
                "schema versions, site config, settings, code hosts) into a JSON file. Only reads.",
                "Give --host, --out and one of --container or --compose-dir; or use the databases subcommand."},
        subcommands = SnapshotDatabasesCommand.class)
final class SnapshotCommand implements Callable<Integer> {
    private final TerminalPrompter prompter;

    @Spec
    CommandSpec spec;

    // Not required by picocli: "snapshot databases" takes none of these; call() asks for them.
    @Option(names = "--host", paramLabel = "ssh://USER@HOST[:PORT]", description = "The instance's host.")
    String host;

    /** Exactly one of the two: which kind of instance. */
    static final class Where {
        @Option(names = "--container", paramLabel = "ID|NAME", description = "A single-container instance (sourcegraph/server).")
        String container;

        @Option(names = "--compose-dir", paramLabel = "PATH", description = "A Docker Compose deployment's docker-compose folder.")
        String composeDir;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Where where;

    @Option(names = "--out", paramLabel = "FILE.json",
            description = "Where to write the snapshot; its fingerprint key goes beside it (FILE.json.fpkey, owner-only), for verify.")
    Path out;

    @Option(names = "--jdbc", description = "Compose only: read the databases with JDBC through an SSH tunnel instead of docker exec psql.")
    boolean jdbc;

    @Mixin
    VerboseOption verbose;

    @ArgGroup(validate = false, heading = "%nConnection:%n")
    ConnectionOptions connection = new ConnectionOptions();

    SnapshotCommand(TerminalPrompter prompter) {
        this.prompter = prompter;
    }

    @Override
    public Integer call() {
        verbose.apply();
        PrintWriter o = spec.commandLine().getOut();
        if (host == null || out == null || where == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required options: --host, --out, and --container or --compose-dir");
        }
        if (jdbc && where.composeDir == null) throw Problem.of(Problem.Kind.INPUT, "snapshot.jdbcNeedsCompose");
        FingerprintKey key = FingerprintKey.generate();
        Snapshot s = take(prompter, SshAddress.parse(host), connection, where.container, where.composeDir, jdbc, key, o);
        SnapshotFile.write(out, s, key);
        o.println(describe(s));
        o.println("snapshot: " + out);
        o.println("fingerprint key: " + FingerprintKey.fileBeside(out) + " (keep it with the snapshot: verify --baseline needs it)");
        o.flush();
        return 0;
    }

    static Snapshot take(TerminalPrompter prompter, SshAddress address, ConnectionOptions connection, String container, String composeDir,
                         boolean jdbc, FingerprintKey key, PrintWriter o) {
        return new SnapshotTaker(line -> {
            o.println("  " + line);
            o.flush();
        }, key).take(new SshConnector(prompter), address, connection.toSshOptions(), container, composeDir, jdbc);
    }

    static String describe(Snapshot s) {
        long tables = s.databases().values().stream().mapToLong(d -> d.tables().size()).sum();
        long rows = s.databases().values().stream().flatMap(d -> d.tables().values().stream()).mapToLong(Snapshot.Table::rows).sum();
        long fingerprints = s.databases().values().stream().flatMap(d -> d.tables().values().stream()).filter(t -> t.fingerprint() != null).count();
        StringBuilder sb = new StringBuilder();
        sb.append(s.instance().kind()).append(" ").append(s.instance().host()).append(", Sourcegraph ")
                .append(s.instance().sourcegraphVersion() == null ? "?" : s.instance().sourcegraphVersion()).append(": ")
                .append(String.join(", ", s.databases().keySet())).append("; ").append(tables).append(" tables, ").append(rows)
                .append(" rows, ").append(fingerprints).append(" fingerprinted");
        if (s.semantic() != null) {
            sb.append("; ").append(s.semantic().codeHosts() == null ? 0 : s.semantic().codeHosts().size()).append(" code host connection(s)");
            if (s.semantic().siteConfig() != null) sb.append("; externalURL ").append(s.semantic().siteConfig().externalURL());
            if (s.semantic().codeHosts() != null && s.semantic().codeHosts().stream().anyMatch(Snapshot.CodeHost::encrypted)) {
                sb.append("; code host configs are ENCRYPTED: the encryption keys must move with the data");
            }
        }
        return sb.toString();
    }
}
