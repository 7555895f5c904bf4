package io.sgmigrate.cli;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.journal.Journal;
import io.sgmigrate.engine.migrate.CreateSettings;
import io.sgmigrate.engine.migrate.PayloadCreate;
import io.sgmigrate.engine.migrate.Plan;
import io.sgmigrate.engine.migrate.RunFiles;
import io.sgmigrate.engine.payload.Compression;
import io.sgmigrate.engine.payload.Manifest;
import io.sgmigrate.engine.payload.Protection;
import io.sgmigrate.engine.payload.Signer;
import io.sgmigrate.engine.prompt.SecretQuestion;
import io.sgmigrate.engine.progress.Units;
import io.sgmigrate.engine.report.ReportFiles;
import io.sgmigrate.engine.secret.Secret;
import io.sgmigrate.engine.ssh.SshAddress;
import io.sgmigrate.engine.transfer.LocalPayloadFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Makes the encrypted payload Sourcegraph support loads: every database of a single container or a Compose deployment,",
                "its snapshot and its configuration, streamed from the host into one OpenPGP file here (nothing plain on any",
                "disk), then read back and checked. The instance is only read. Exit 0 only when the file checked out."})
final class PayloadCreateCommand implements Callable<Integer> {
    private final TerminalPrompter prompter;

    @Spec
    CommandSpec spec;

    @Option(names = "--source", required = true, paramLabel = "ssh://USER@HOST[:PORT]", description = "The host running sourcegraph/server.")
    String source;

    @Option(names = "--container", paramLabel = "ID|NAME", description = "The sourcegraph/server container (default: the one running).")
    String container;

    @Option(names = "--compose-dir", paramLabel = "PATH", description = "Instead: the docker-compose folder of a Docker Compose deployment on that host.")
    String composeDir;

    @Option(names = "--recipient", paramLabel = "PUBLIC_KEY_FILE", description = "Encrypt to this OpenPGP public key (gpg --export --armor); repeat for several.")
    List<Path> recipients = new ArrayList<>();

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = "Also (or instead) encrypt to the passphrase in this file (gpg -c style).")
    Path passphraseFile;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The payload file to write (never overwritten); FILE.sha256 is written beside it.")
    Path out;

    @Option(names = "--armor", description = "ASCII-armored OpenPGP (.asc) instead of binary.")
    boolean armor;

    @Option(names = "--compression", defaultValue = "zstd", paramLabel = "none|gzip|zstd", description = "Compression of the parts (default: ${DEFAULT-VALUE}).")
    Compression compression;

    @Option(names = "--for", paramLabel = "managed-instance", description = "Who loads it; managed-instance: seed 001's qualification rules stop the run instead of warning.")
    String forWhom;

    @Option(names = "--sign-with", paramLabel = "SECRET_KEY_FILE", description = "Sign the payload with this OpenPGP secret key (gpg --export-secret-keys --armor), e.g. the customer's.")
    Path signWith;

    @Option(names = "--sign-passphrase-file", paramLabel = "FILE", description = "The signing key's passphrase (default: asked on the terminal when the key is protected).")
    Path signPassphraseFile;

    @Option(names = "--notice", description = "Before the dump, add the migration notice to the instance's global settings (the one write to it); the command to take it out is printed at the end.")
    boolean notice;

    @Option(names = "--config-only", description = "Only the configuration (site config, global settings, code hosts) and the snapshot; no database dump.")
    boolean configOnly;

    @Option(names = "--dry-run", description = "Write nothing; run pre-flight and print every command the host would run and what is written here.")
    boolean dryRun;

    @Option(names = "--journal", paramLabel = "FILE", description = "Record the run in this journal (steps, checks, the file's size and SHA-256; never a secret).")
    Path journalFile;

    @Option(names = "--resume", description = "Run again the create recorded in --journal: refused for another host, folder or file; the notice is not added twice.")
    boolean resume;

    @Option(names = "--report", paramLabel = "DIR", description = "Also write the run's report (report.html, report.json) into DIR, also when it fails (from --journal, or a new journal in ~/.sgmigrate/runs).")
    Path reportDir;

    @Mixin
    VerboseOption verbose;

    @ArgGroup(validate = false, heading = "%nConnection:%n")
    ConnectionOptions connection = new ConnectionOptions();

    PayloadCreateCommand(TerminalPrompter prompter) {
        this.prompter = prompter;
    }

    @Override
    @SuppressWarnings("try") // the lock is held, not used
    public Integer call() {
        verbose.apply();
        if (recipients.isEmpty() && passphraseFile == null) throw Problem.of(Problem.Kind.INPUT, "payload.create.noProtection");
        if (container != null && composeDir != null) throw Problem.of(Problem.Kind.INPUT, "payload.create.bothSources");
        if (forWhom != null && !forWhom.equals("managed-instance")) throw Problem.of(Problem.Kind.INPUT, "payload.create.forWhom", forWhom);
        if (resume && journalFile == null) throw Problem.of(Problem.Kind.INPUT, "payload.create.needsJournal", "--resume");
        SshAddress src = SshAddress.parse(source);
        if ((journalFile == null && reportDir == null) || dryRun) return call(src, null, null);
        // A report is made from the run's journal: without --journal, a new one in the runs folder.
        Path jp = journalFile != null ? journalFile.toAbsolutePath() : RunFiles.newCreateJournal(src.host());
        try (io.sgmigrate.engine.journal.JournalLock held = Journal.lock(jp)) {
            if (!resume && Files.exists(jp)) throw Problem.of(Problem.Kind.INPUT, "journal.exists", jp);
            Journal resumed = resume ? Journal.load(jp) : null;
            if (resumed != null && resumed.isDone(io.sgmigrate.engine.migrate.Step.CHECK_FILE.id())) return alreadyDone(resumed);
            return call(src, jp, resumed);
        }
    }

    /** A resumed journal whose file was written and checked: its ticket line again, nothing read, asked or written. */
    private Integer alreadyDone(Journal journal) {
        PrintWriter w = spec.commandLine().getOut();
        w.println("journal: " + journal.file());
        w.println("Already done: this journal's payload was written and checked. For the support ticket:");
        w.println("  " + journal.outputs(io.sgmigrate.engine.migrate.Step.CHECK_FILE.id()).get("handover"));
        if (reportDir != null) w.println("report: " + ReportFiles.write(reportDir, PayloadCreate.report(journal)));
        w.flush();
        return 0;
    }

    /** The create; {@code journalPath} null for none, {@code resumed} the journal it continues (null for a new one). */
    private Integer call(SshAddress src, Path journalPath, Journal resumed) {
        PrintWriter w = spec.commandLine().getOut();
        List<Protection> protections = new ArrayList<>();
        for (Path r : recipients) protections.add(Protection.recipientFromFile(r));
        List<Secret> asked = new ArrayList<>();
        try (Secret pass = passphraseFile == null ? null : RunFiles.readPassphrase(passphraseFile)) {
            if (pass != null) protections.add(Protection.passphrase(pass));
            Optional<Signer> signer = Optional.ofNullable(signWith).map(f -> Signer.fromSecretKeyFile(f, () -> {
                Secret s = signPassphraseFile != null ? RunFiles.readPassphrase(signPassphraseFile)
                        : prompter.secret(new SecretQuestion(SecretQuestion.Kind.KEY_PASSPHRASE, f.toString())).exceptionally(e -> null).join();
                if (s != null) asked.add(s);
                return s;
            }));
            asked.forEach(Secret::close);
            CreateSettings s = new CreateSettings(src, connection.toSshOptions(), Optional.ofNullable(container), Optional.ofNullable(composeDir), protections, out, armor, compression,
                    forWhom != null, notice ? Optional.of(io.sgmigrate.engine.notice.MigrationNotice.DEFAULT_MESSAGE) : Optional.empty(), signer,
                    configOnly);
            DockerToComposeCommand.Printer printer = new DockerToComposeCommand.Printer(w, System.console() != null);
            PayloadCreate create = new PayloadCreate(s, prompter, printer);
            if (dryRun) {
                List<Plan.Line> lines = create.dryRun();
                w.println();
                w.println("Dry run: nothing was written. The create would run:");
                String host = null;
                for (Plan.Line l : lines) {
                    String h = l.host().equals("old") ? src.display() : "this machine";
                    if (!h.equals(host)) w.println("On " + (host = h) + ":");
                    w.println("  " + l.command());
                    w.println("      " + l.note());
                }
                w.flush();
                return 0;
            }
            Journal journal = resumed;
            if (journalPath != null) {
                if (journal == null) journal = Journal.create(journalPath, journalPath.getFileName().toString(), create.inputs());
                w.println("journal: " + journalPath);
            }
            PayloadCreate.Created c;
            try {
                c = create.run(journal);
            } finally {
                if (reportDir != null && journal != null) w.println("report: " + ReportFiles.write(reportDir, PayloadCreate.report(journal)));
            }
            w.println();
            w.println("Verdict: the payload was read back from disk and every checksum in it matches ("
                    + c.manifest().members().size() + " members, " + Units.bytes(c.manifest().members().stream().mapToLong(Manifest.Member::size).sum()) + " plain).");
            if (!c.warnings().isEmpty()) w.println("Warnings: " + c.warnings().size() + " (above); read them before sending the file.");
            w.println("Checksum file: " + LocalPayloadFile.checksumFile(c.file()) + " (sha256sum -c reads it)");
            w.println();
            w.println("For the support ticket:");
            w.println("  " + c.handover());
            if (c.noticeShown()) {
                w.println();
                w.println("The migration notice is shown on the instance. Once the move is finished, take it out with:");
                w.println("  " + io.sgmigrate.engine.notice.MigrationNotice.removeCommand(source, Optional.ofNullable(container),
                        Optional.ofNullable(composeDir), io.sgmigrate.engine.notice.MigrationNotice.DEFAULT_MESSAGE));
            }
            w.flush();
            return 0;
        }
    }
}
