package io.sgmigrate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sgmigrate.engine.upgrade.Releases;
import io.sgmigrate.engine.upgrade.UpgradePlan;
import io.sgmigrate.engine.upgrade.UpgradePlanner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "upgrade-path", mixinStandardHelpOptions = true,
        description = {"Plans a Sourcegraph upgrade offline: every version to deploy in order (one minor at a time, the latest patch at each),",
                "the commands per step for the deployment kind, the migrator's multi-version alternative where it applies, time estimates",
                "and the hazards on the way. A downgrade or a version the release table does not know exits non-zero."})
final class UpgradePathCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "X.Y.Z", description = "The version the instance runs now.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "X.Y.Z", description = "The version to reach.")
    String to;

    @Option(names = "--deployment", defaultValue = "docker-compose", paramLabel = "docker-compose|kubernetes|server", description = "The deployment kind (default: ${DEFAULT-VALUE}).")
    String deployment;

    @Option(names = "--releases", paramLabel = "FILE", description = "A newer release table (JSON, the shape of docs/upgrade-path.md) instead of the shipped one.")
    Path releases;

    @Option(names = "--json", description = "The plan as JSON (docs/upgrade-path.md).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        UpgradePlanner.Deployment d = UpgradePlanner.Deployment.of(deployment);
        Releases table = releases == null ? Releases.shipped() : Releases.fromFile(releases);
        UpgradePlan p = new UpgradePlanner(table).plan(UpgradePlanner.version(from, "--from"), UpgradePlanner.version(to, "--to"), d);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(p) + "\n" : UpgradePlanner.render(p));
        out.flush();
        return 0;
    }
}
