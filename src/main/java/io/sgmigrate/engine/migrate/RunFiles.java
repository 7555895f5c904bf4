package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.journal.PrivateFiles;
import io.sgmigrate.engine.secret.Secret;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Where a run keeps its journal and its payload key, for both fronts: {@code ~/.sgmigrate/runs/<time>-<host>.json} and {@code .key}. */
public final class RunFiles {
    private RunFiles() {}

    public static Path runsFolder() {
        return Path.of(System.getProperty("user.home"), ".sgmigrate", "runs");
    }

    /**
     * Creates {@code ~/.sgmigrate} and its {@code runs} folder owner-only (0700), or takes group and other access away
     * from existing ones that belong to this user; where there are no POSIX modes they are just created.
     */
    public static Path createRunsFolder() throws IOException {
        Path runs = runsFolder();
        PrivateFiles.createDirectories(runs);
        PrivateFiles.tighten(runs.getParent());
        PrivateFiles.tighten(runs);
        return runs;
    }

    public static Path newJournal(String targetHost) {
        String name = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + targetHost.replaceAll("[^A-Za-z0-9.-]", "_");
        return runsFolder().resolve(name + ".json");
    }

    /** A new journal for a payload create from {@code sourceHost}, in the runs folder (created owner-only when missing). */
    public static Path newCreateJournal(String sourceHost) {
        try {
            createRunsFolder();
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.INPUT, "runs.unwritable", runsFolder()).causedBy(e);
        }
        return newJournal("create-" + sourceHost);
    }

    /** The newest journal in the runs folder, if any. */
    public static Optional<Path> newestJournal() {
        return newestJournal(inputs -> true);
    }

    /** The newest journal of a run to {@code target} (as typed) and {@code composeDir} (trailing slashes aside): what --resume alone takes. */
    public static Optional<Path> newestJournalOf(String target, String composeDir) {
        String dir = RunBinding.normal(composeDir);
        return newestJournal(in -> target.equals(in.get("target")) && dir.equals(RunBinding.normal(in.getOrDefault("composeDir", ""))));
    }

    /** The newest journal in the runs folder whose recorded inputs pass {@code belongs} (unreadable ones are passed over). */
    public static Optional<Path> newestJournal(java.util.function.Predicate<java.util.Map<String, String>> belongs) {
        Path runs = runsFolder();
        if (!Files.isDirectory(runs)) return Optional.empty();
        try (Stream<Path> files = Files.list(runs)) {
            return files.filter(p -> p.toString().endsWith(".json") && !p.toString().matches(".*\\.(source-snapshot|target-snapshot|verification)\\.json$"))
                    .sorted(Comparator.comparing((Path p) -> p.toFile().lastModified()).reversed())
                    .filter(p -> {
                        try {
                            return belongs.test(io.sgmigrate.engine.journal.Journal.load(p).inputs());
                        } catch (io.sgmigrate.engine.Problem unreadable) {
                            return false;
                        }
                    }).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The step a run recorded in {@code j} stopped at, or empty when it finished: a step that did not end, or, for a run
     * killed between two steps, the first of its order not done (a journal lists only the steps that began).
     */
    public static Optional<String> unfinishedStep(io.sgmigrate.engine.journal.Journal j) {
        Optional<String> recorded = j.firstUnfinished();
        if (recorded.isPresent()) return recorded;
        java.util.Map<String, String> in = j.inputs();
        java.util.List<Step> order = isCreate(in) ? Step.createOrder(in.containsKey("notice"))
                : in.containsKey(RunBinding.PAYLOAD)
                ? Step.loadOrder(in.containsKey("externalURL") || in.containsKey("siteConfig"))
                : Step.order(j.step(Step.CHECK_PAYLOAD.id()).isEmpty());
        return order.stream().map(Step::id).filter(id -> !j.isDone(id)).findFirst();
    }

    /** The task input of a payload create's journal (a create is no migration: nothing to resume on a new host). */
    public static final String CREATE_TASK = "payload create";

    public static boolean isCreate(java.util.Map<String, String> inputs) {
        return CREATE_TASK.equals(inputs.get("task"));
    }

    public static Path keyFile(Path journal) {
        return Path.of(journal.toString().replaceAll("\\.json$", "") + ".key");
    }

    /** A passphrase from a file: its text without the trailing newline; the file's bytes are wiped from memory. */
    public static Secret readPassphrase(Path from) {
        if (!Files.isReadable(from)) throw Problem.of(Problem.Kind.INPUT, "cli.passphraseFile.unreadable", from);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(from);
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.INPUT, "cli.passphraseFile.unreadable", from).causedBy(e);
        }
        try {
            CharBuffer cb = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
            char[] chars = Arrays.copyOf(cb.array(), cb.limit());
            Arrays.fill(cb.array(), '\0');
            int n = chars.length;
            while (n > 0 && (chars[n - 1] == '\n' || chars[n - 1] == '\r')) n--;
            char[] trimmed = Arrays.copyOf(chars, n);
            Arrays.fill(chars, '\0');
            if (trimmed.length == 0) throw Problem.of(Problem.Kind.INPUT, "cli.passphraseFile.empty", from);
            return Secret.adopt(trimmed);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** A new random passphrase written to {@code keyFile}, owner-only (0600) from its creation; it must not exist yet. */
    public static Secret newPassphrase(Path keyFile) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        byte[] encoded = Base64.getUrlEncoder().withoutPadding().encode(random);
        Arrays.fill(random, (byte) 0);
        try {
            if (keyFile.toAbsolutePath().getParent().equals(runsFolder().toAbsolutePath())) createRunsFolder();
            PrivateFiles.createNew(keyFile, encoded);
        } catch (IOException e) {
            Arrays.fill(encoded, (byte) 0);
            throw Problem.of(Problem.Kind.INPUT, "journal.unwritable", keyFile).causedBy(e);
        }
        char[] chars = new char[encoded.length];
        for (int i = 0; i < encoded.length; i++) chars[i] = (char) encoded[i];
        Arrays.fill(encoded, (byte) 0);
        return Secret.adopt(chars);
    }
}
