package io.sgmigrate.cli;

import io.sgmigrate.engine.docker.Container;
import io.sgmigrate.engine.probe.HostProbe;
import io.sgmigrate.engine.probe.HostReport;
import io.sgmigrate.engine.ssh.SshAddress;
import io.sgmigrate.engine.ssh.SshConnector;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Connects to a host over SSH, checks its host key and lists its Docker containers. Changes nothing."})
final class ProbeCommand implements Callable<Integer> {
    private final TerminalPrompter prompter;

    @Spec
    CommandSpec spec;

    @Option(names = "--host", required = true, paramLabel = "ssh://USER@HOST[:PORT]", description = "The host to look at.")
    String host;

    @Mixin
    VerboseOption verbose;

    @ArgGroup(validate = false, heading = "%nConnection:%n")
    ConnectionOptions connection = new ConnectionOptions();

    ProbeCommand(TerminalPrompter prompter) {
        this.prompter = prompter;
    }

    @Override
    public Integer call() {
        verbose.apply();
        HostReport r = new HostProbe(new SshConnector(prompter)).probe(SshAddress.parse(host), connection.toSshOptions());
        PrintWriter out = spec.commandLine().getOut();
        out.printf("host        %s%n", r.address().display());
        out.printf("host key    %s (verified)%n", r.hostKeyFingerprint());
        out.printf("docker      %s%n", r.dockerVersion());
        out.printf("containers  %d%n", r.containers().size());
        for (Container c : r.containers()) {
            out.printf("  %-24s %-48s %s%n", c.name(), c.image(), c.status());
        }
        out.flush();
        return 0;
    }
}
