package io.sgmigrate.cli;

import io.sgmigrate.engine.AppInfo;
import picocli.CommandLine.Command;

@Command(name = "sgmigrate",
        mixinStandardHelpOptions = true,
        versionProvider = SgmigrateCommand.Version.class,
        description = {"Moves a Sourcegraph instance's data safely and proves nothing was lost.",
                "Without arguments, the wizard opens."},
        subcommands = {ProbeCommand.class, DockerToComposeCommand.class, ComposeToComposeCommand.class, PayloadCommand.class, NoticeCommand.class, ConfigCommand.class, SnapshotCommand.class, VerifyCommand.class, ChecklistCommand.class, UpgradePathCommand.class},
        footer = {"", "Exit codes: 0 done; 2 bad input; 10 connection; 11 login; 12 host key; 13 remote command;",
                "14 precondition not met; 130 cancelled; 1 internal error."})
final class SgmigrateCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {AppInfo.NAME + " " + AppInfo.version(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ") in " + System.getProperty("java.home")};
        }
    }
}
