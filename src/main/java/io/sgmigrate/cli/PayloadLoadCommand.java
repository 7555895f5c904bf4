package io.sgmigrate.cli;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.migrate.LoadSettings;
import io.sgmigrate.engine.migrate.PayloadLoad;
import io.sgmigrate.engine.migrate.Plan;
import io.sgmigrate.engine.migrate.RunFiles;
import io.sgmigrate.engine.migrate.SiteConfigEdit;
import io.sgmigrate.engine.migrate.TargetSettings;
import io.sgmigrate.engine.migrate.Verification;
import io.sgmigrate.engine.report.ReportFiles;
import io.sgmigrate.engine.ssh.SshAddress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Loads a payload into a Docker Compose deployment: checked in full first, decrypted in memory here and",
                "streamed into psql on the new host (scratch databases, swapped in only after the restore succeeded).",
                "Exit 0 only when the load completed and its verification passed."})
final class PayloadLoadCommand implements Callable<Integer> {
    private final TerminalPrompter prompter;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The payload file.")
    Path file;

    @Option(names = "--target", required = true, paramLabel = "ssh://USER@HOST[:PORT]", description = "The new host, with the Docker Compose deployment.")
    String target;

    @Option(names = "--compose-dir", required = true, paramLabel = "PATH", description = "deploy-sourcegraph-docker's docker-compose folder on the new host.")
    String composeDir;

    @Mixin
    KeyOptions keys;

    @Option(names = "--external-url", paramLabel = "URL", description = "Set externalURL in the restored site configuration (a root URL; comments and formatting kept).")
    String externalUrl;

    @Option(names = "--site-config", paramLabel = "FILE", description = "Put this site configuration (JSONC) in place of the restored one.")
    Path siteConfig;

    @Option(names = "--dry-run", description = "Change nothing; print every command each host would run, by host and step.")
    boolean dryRun;

    @Option(names = "--yes", description = "Do not ask; a target holding data is never replaced this way (use --confirm-host).")
    boolean yes;

    @Option(names = "--confirm-host", paramLabel = "NAME", description = "Confirm replacing the new host's databases without a terminal: the host name you would type.")
    String confirmHost;

    @Option(names = "--resume", description = "Continue the run recorded in the journal.")
    boolean resume;

    @Option(names = "--journal", paramLabel = "FILE", description = "The run's journal (default: ~/.sgmigrate/runs/<time>-<target>.json).")
    Path journalFile;

    @Option(names = "--report", paramLabel = "DIR", description = "Also write the run's report (report.html, report.json) into DIR, also when it fails.")
    Path reportDir;

    @Mixin
    VerboseOption verbose;

    @ArgGroup(validate = false, heading = "%nConnection:%n")
    ConnectionOptions connection = new ConnectionOptions();

    PayloadLoadCommand(TerminalPrompter prompter) {
        this.prompter = prompter;
    }

    @Override
    @SuppressWarnings("try") // the lock is held, not used
    public Integer call() throws IOException {
        verbose.apply();
        if (externalUrl != null && siteConfig != null) throw Problem.of(Problem.Kind.INPUT, "load.configure.both");
        SshAddress dst = SshAddress.parse(target);
        Optional<SiteConfigEdit> configure = Optional.ofNullable(externalUrl).map(SiteConfigEdit::externalUrl);
        if (siteConfig != null) {
            if (!Files.isReadable(siteConfig)) throw Problem.of(Problem.Kind.INPUT, "load.siteConfig.unreadable", siteConfig);
            configure = Optional.of(SiteConfigEdit.replaceWith(Files.readString(siteConfig), siteConfig.toString()));
        }
        Path journalPath = journalFile != null ? journalFile.toAbsolutePath()
                : resume ? RunFiles.newestJournalOf(target, composeDir)
                        .orElseThrow(() -> Problem.of(Problem.Kind.INPUT, "migrate.resume.noJournal", dst.display(), RunFiles.runsFolder()))
                : RunFiles.newJournal(dst.host());
        PrintWriter out = spec.commandLine().getOut();
        try (KeyOptions held = keys) {
            TargetSettings t = new TargetSettings(dst, connection.toSshOptions(), composeDir, Optional.empty(), yes, Optional.ofNullable(confirmHost), journalPath);
            LoadSettings settings = new LoadSettings(file, keys.keys(prompter), t, configure);
            DockerToComposeCommand.Printer printer = new DockerToComposeCommand.Printer(out, System.console() != null);
            PayloadLoad load = new PayloadLoad(settings, prompter, printer);
            if (dryRun) {
                Plan plan = load.dryRun();
                out.println();
                out.print(plan.render(file.toAbsolutePath().toString(), dst.display()));
                out.flush();
                return 0;
            }
            try (io.sgmigrate.engine.journal.JournalLock lock = Journal.lock(journalPath)) {
                if (!resume && Files.exists(journalPath)) throw Problem.of(Problem.Kind.INPUT, "journal.exists", journalPath);
                Journal journal = resume ? Journal.load(journalPath) : Journal.create(journalPath, journalPath.getFileName().toString(), inputs());
                out.println("journal: " + journalPath);
                Verification v;
                try {
                    v = load.run(journal);
                } finally {
                    if (reportDir != null) out.println("report: " + ReportFiles.write(reportDir, PayloadLoad.report(journal)));
                }
                out.println("Load complete: " + v.tables() + " tables and " + v.rows() + " rows match the payload's dumps.");
                out.println("Next: sign in to the new instance as a site admin, check the frontend's log, repositories, code host connections and search;");
                out.println("      mark each item with: sgmigrate checklist --journal " + journalPath + " --mark ID --note TEXT");
                out.flush();
                return 0;
            }
        }
    }

    private Map<String, String> inputs() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("payload", file.toAbsolutePath().toString());
        m.put("target", target);
        m.put("composeDir", composeDir);
        if (externalUrl != null) m.put("externalURL", externalUrl);
        if (siteConfig != null) m.put("siteConfig", siteConfig.toAbsolutePath().toString());
        m.putAll(connection.recorded());
        return m;
    }
}
