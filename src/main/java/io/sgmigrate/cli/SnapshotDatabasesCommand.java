package io.sgmigrate.cli;

import io.sgmigrate.engine.dump.DumpCommands;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "databases", mixinStandardHelpOptions = true,
        description = {"Prints the commands that dump the instance's databases as src snapshot databases does (same pg_dump flags,",
                "same targets file, same src-snapshot/ files), for installs sgmigrate cannot reach over SSH. With kubectl also the",
                "layouts its k8s preset does not fit. A plan only: nothing is run."})
final class SnapshotDatabasesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "docker|kubectl|pg_dump", description = "How the databases are reached.")
    String builder;

    @Option(names = "--targets", paramLabel = "FILE.yaml", description = "A src snapshot targets file (pgsql:, codeintel:, codeinsights:, each target, dbname, username, password).")
    Path targets;

    @Option(names = {"--namespace", "-n"}, paramLabel = "NS", description = "kubectl only: the Kubernetes namespace (default: the context's).")
    String namespace;

    @Override
    public Integer call() {
        DumpCommands.Builder b = switch (builder) {
            case "docker" -> DumpCommands.Builder.DOCKER;
            case "kubectl" -> DumpCommands.Builder.KUBECTL;
            case "pg_dump" -> DumpCommands.Builder.PG_DUMP;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Unknown builder '" + builder + "': docker, kubectl or pg_dump");
        };
        if (namespace != null && b != DumpCommands.Builder.KUBECTL) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--namespace is for kubectl only");
        }
        DumpCommands.Targets given = targets == null ? null : DumpCommands.read(targets);
        PrintWriter out = spec.commandLine().getOut();
        out.println("# Run in an empty folder: each command writes one file under src-snapshot/ (mkdir -p src-snapshot first).");
        out.println("# The dumps are plain SQL; keep them owner-only, and encrypt them before they leave the machine.");
        Optional<String> ns = Optional.ofNullable(namespace);
        if (given != null) {
            print(out, b, given, ns);
        } else {
            print(out, b, DumpCommands.srcPreset(b), ns);
            if (b == DumpCommands.Builder.KUBECTL) {
                out.println();
                out.println("# The k8s preset assumes StatefulSets with the password sg. Take the block of your layout instead when it is one of these:");
                for (DumpCommands.Targets t : DumpCommands.kubernetesLayouts()) print(out, b, t, ns);
            }
        }
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, DumpCommands.Builder b, DumpCommands.Targets t, Optional<String> ns) {
        out.println();
        out.println("## " + t.name());
        List<DumpCommands.Line> lines = DumpCommands.commands(b, t, ns);
        for (DumpCommands.Line l : lines) out.println(l.command());
    }
}
