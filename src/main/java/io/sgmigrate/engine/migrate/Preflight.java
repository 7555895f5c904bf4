package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.docker.Container;
import io.sgmigrate.engine.docker.DockerCli;
import io.sgmigrate.engine.payload.Compression;
import io.sgmigrate.engine.progress.Units;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.sourcegraph.SourcegraphVersion;
import io.sgmigrate.engine.ssh.ExecResult;
import io.sgmigrate.engine.ssh.SshConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every check before anything changes, on both hosts, read-only. Produces the facts the later steps act on. */
final class Preflight {
    private static final Pattern FRONTEND_IMAGE = Pattern.compile("sourcegraph/frontend:([0-9]+\\.[0-9]+\\.[0-9]+)");
    private final List<Check> checks = new ArrayList<>();
    private final Consumer<Check> report;

    Preflight(Consumer<Check> report) {
        this.report = report;
    }

    List<Check> checks() {
        return List.copyOf(checks);
    }

    /** Stops the run, naming every check that failed, when any did. */
    void stopOnFailure() {
        if (checks.stream().anyMatch(x -> x.status() == Check.Status.FAIL)) {
            List<String> failed = checks.stream().filter(x -> x.status() == Check.Status.FAIL).map(Check::name).toList();
            throw Problem.of(Problem.Kind.PRECONDITION, "preflight.failed", String.join(", ", failed));
        }
    }

    void add(Check c) {
        checks.add(c);
        report.accept(c);
    }

    /**
     * What a source offers the target: the instance's version (empty when it cannot be known before the restore), its
     * databases by source name ({@link Facts#target} says where each goes), their size, its PostgreSQL version and how
     * its dumps are read. {@code what} names the source in messages ("the old instance", "the payload"); {@code recorded}
     * is what the journal keeps of the source's pre-flight (e.g. a payload's row counts, {@code count:DB:TABLE}).
     */
    record Offer(String container, Optional<SourcegraphVersion> version, List<String> databases, long estimatedBytes, String postgres,
                 boolean sudo, String packs, String what, boolean staged, Map<String, String> recorded) {}

    /** The login shell of {@code host} quotes as POSIX sh does; else no command is safe to send and pre-flight stops here. */
    private void posixShell(SshConnection host) {
        io.sgmigrate.engine.ssh.LoginShell shell = io.sgmigrate.engine.ssh.LoginShell.probe(host);
        if (shell.posix()) return;
        add(Check.fail("Login shell", shell.problem().map(Problem::oneLine).orElse(shell.shell())));
        throw Problem.of(Problem.Kind.PRECONDITION, "preflight.failed", "Login shell");
    }

    /** The old host's half: docker, the single container, its version and databases. */
    Offer source(SshConnection source, MigrationSettings s) {
        return source(source, s.container(), s.compression());
    }

    /** As above, for the single container {@code container} names (or the only one there), its dumps compressed by {@code compression}. */
    Offer source(SshConnection source, Optional<String> container, Compression compression) {
        String src = source.address().display();
        posixShell(source);
        // Old host: docker, the container, its version and databases.
        DockerCli sd = new DockerCli(source);
        String sdv = guard("Docker on the old host", sd::serverVersion);
        Container c = null;
        if (sdv != null) {
            add(Check.pass("Docker on the old host", "Docker " + sdv + " answers for " + src + (source.dockerViaSudo() ? " through sudo" : "")));
            c = findContainer(sd.containers(), container, src);
        }
        Optional<SourcegraphVersion> sv = Optional.empty();
        List<String> dbs = List.of();
        long estimate = 0;
        String sourcePg = null;
        if (c != null) {
            sv = SourcegraphVersion.parse(c.imageTag());
            Postgres pg = new Postgres(c.name(), "postgres");
            String tableVersion = guard("Version recorded in the database", () -> pg.query(source, SourcegraphVersion.FRONTEND_DB,
                    SourcegraphVersion.RECORDED_VERSION_SQL));
            if (sv.isEmpty()) {
                add(Check.fail("Sourcegraph version (old host)", "The image tag \u201c" + c.imageTag() + "\u201d is not a release number; name the release with a tagged image."));
            } else if (tableVersion != null && !tableVersion.isBlank() && !SourcegraphVersion.parse(tableVersion).equals(sv)) {
                add(Check.warn("Sourcegraph version (old host)", "The image says " + sv.get() + " but the versions table says " + tableVersion
                        + "; the image tag is used. An upgrade may not have finished: check the old instance's site admin page."));
            } else {
                add(Check.pass("Sourcegraph version (old host)", sv.get() + " (image tag" + (tableVersion != null ? " and versions table" : "") + ")"));
            }
            List<String> present = guardList("Databases on the old host", () -> pg.databases(source));
            List<String> expected = new ArrayList<>(sv.map(SourcegraphVersion::singleContainerDatabases).orElse(List.of(SourcegraphVersion.FRONTEND_DB)));
            // Code insights in the single container (AllowSingleDockerCodeInsights) moves to codeinsights-db.
            if (present.contains(SourcegraphVersion.CODEINSIGHTS_DB_NAME)) expected.add(SourcegraphVersion.CODEINSIGHTS_DB_NAME);
            List<String> missing = expected.stream().filter(d -> !present.contains(d)).toList();
            if (!present.isEmpty() && missing.isEmpty()) {
                dbs = List.copyOf(expected);
                for (String d : dbs) estimate += pg.databaseSize(source, d);
                add(Check.pass("Databases on the old host", String.join(", ", dbs) + ", " + Units.bytes(estimate) + " on disk"));
            } else if (!present.isEmpty()) {
                add(Check.fail("Databases on the old host", "Missing " + String.join(", ", missing) + " (present: " + String.join(", ", present) + ")."));
            }
            sourcePg = guard("PostgreSQL (old host)", () -> pg.serverVersion(source));
        }
        add(Check.pass("Old host stays unchanged", "Dumps stream out through SSH; nothing is written on " + src + "."));
        String packs = c == null ? "" : dumpStream(source, compression);
        return new Offer(c == null ? null : c.name(), sv, dbs, estimate, sourcePg, source.dockerViaSudo(), packs, "the old instance", true, Map.of());
    }

    /** The logical name of a Compose database (as a single container names it): what the payload's member and the target go by. */
    static String logicalName(Facts.Target t) {
        if (t == Facts.CODEINTEL) return SourcegraphVersion.CODEINTEL_DB_NAME;
        if (t == Facts.CODEINSIGHTS) return SourcegraphVersion.CODEINSIGHTS_DB_NAME;
        return SourcegraphVersion.FRONTEND_DB;
    }

    /** A Docker Compose deployment as the source, read only: docker, its folder and version, its database containers and their size. */
    Offer composeSource(SshConnection source, String composeDir, Compression compression) {
        String src = source.address().display();
        posixShell(source);
        DockerCli sd = new DockerCli(source);
        String sdv = guard("Docker on the old host", sd::serverVersion);
        Optional<SourcegraphVersion> sv = Optional.empty();
        List<String> dbs = new ArrayList<>();
        long estimate = 0;
        String pg = null;
        String dir = null;
        if (sdv != null) {
            add(Check.pass("Docker on the old host", "Docker " + sdv + " answers for " + src + (source.dockerViaSudo() ? " through sudo" : "")));
            ExecResult real = source.run(canonicalDirCommand(composeDir));
            dir = real.ok() && real.stdout().strip().startsWith("/") ? real.stdout().strip() : null;
            ExecResult yaml = dir == null ? null : source.run(RemoteCommand.of("cat", "--", dir + "/docker-compose.yaml"));
            if (yaml == null || !yaml.ok()) {
                add(Check.fail("Compose directory (old host)", composeDir + " on " + src + " holds no readable docker-compose.yaml"
                        + (yaml == null ? " (" + real.stderr().strip() + ")" : "") + ". Give the docker-compose folder the deployment runs from."));
            } else {
                add(Check.pass("Compose directory (old host)", dir + (dir.equals(composeDir) ? "" : " (" + composeDir + ")")));
                Matcher m = FRONTEND_IMAGE.matcher(yaml.stdout());
                sv = m.find() ? SourcegraphVersion.parse(m.group(1)) : Optional.empty();
                List<Container> all = sd.containers();
                for (Facts.Target t : Facts.TARGETS) {
                    boolean running = all.stream().anyMatch(x -> x.name().equals(t.container()) && x.running());
                    if (!running) {
                        if (t == Facts.FRONTEND) add(Check.fail("Databases on the old host", "No running " + t.container() + " container on " + src
                                + "; start the deployment (docker-compose up -d in " + dir + ") or at least its databases."));
                        continue;
                    }
                    dbs.add(logicalName(t));
                    Long size = guard("Databases on the old host", () -> t.postgres().databaseSize(source, t.database()));
                    if (size != null) estimate += size;
                }
                if (sv.isEmpty()) {
                    add(Check.fail("Sourcegraph version (old host)", "No sourcegraph/frontend:X.Y.Z image in " + dir + "/docker-compose.yaml."));
                } else if (dbs.contains(SourcegraphVersion.FRONTEND_DB)) {
                    String recorded = guard("Version recorded in the database", () -> Facts.FRONTEND.postgres().query(source, Facts.FRONTEND.database(),
                            SourcegraphVersion.RECORDED_VERSION_SQL));
                    if (recorded != null && !recorded.isBlank() && !SourcegraphVersion.parse(recorded).equals(sv)) {
                        add(Check.warn("Sourcegraph version (old host)", "The compose files say " + sv.get() + " but the versions table says " + recorded
                                + "; the compose files are used. An upgrade may not have finished: check the instance's site admin page."));
                    } else {
                        add(Check.pass("Sourcegraph version (old host)", sv.get() + " (compose files" + (recorded != null && !recorded.isBlank() ? " and versions table" : "") + ")"));
                    }
                    pg = guard("PostgreSQL (old host)", () -> Facts.FRONTEND.postgres().serverVersion(source));
                    add(Check.pass("Databases on the old host", String.join(", ", dbs.stream().map(d -> Facts.target(d).container()).toList())
                            + ", " + Units.bytes(estimate) + " on disk"));
                }
            }
        }
        add(Check.pass("Old host stays unchanged", "Dumps stream out through SSH; nothing is written on " + src + "."));
        String packs = dbs.isEmpty() ? "" : dumpStream(source, compression);
        return new Offer("", sv, List.copyOf(dbs), estimate, pg, source.dockerViaSudo(), packs, "the old instance", true,
                dir == null ? Map.of() : Map.of("sourceComposeDir", dir));
    }

    /**
     * The new host's half, for what {@code offer} brings: docker, compose, its files and version, its databases, space.
     * Throws when any check of either half failed; otherwise the facts the later steps act on.
     */
    Facts target(SshConnection target, TargetSettings s, Compression compression, Offer offer) throws java.security.NoSuchAlgorithmException {
        String dst = target.address().display();
        posixShell(target);
        Optional<SourcegraphVersion> sv = offer.version();
        List<String> dbs = offer.databases();
        long estimate = offer.estimatedBytes();
        String sourcePg = offer.postgres();
        DockerCli td = new DockerCli(target);
        String tdv = guard("Docker on the new host", td::serverVersion);
        ComposeCli compose = null;
        String dbOnly = null;
        Optional<SourcegraphVersion> tv = Optional.empty();
        boolean fresh = false;
        boolean here = false;
        String unpacks = "";
        String restoreOptions = "";
        String staging = s.stagingDir().orElse(null);
        String canonical = null;
        List<String> services = List.of();
        if (tdv != null) {
            add(Check.pass("Docker on the new host", "Docker " + tdv + " answers for " + dst + (target.dockerViaSudo() ? " through sudo" : "")));
            compose = guard("Docker Compose", () -> ComposeCli.detect(target));
            if (compose != null) add(Check.pass("Docker Compose", String.join(" ", compose.program()) + " " + compose.version()));
            // Docker records the canonical folder: a trailing slash, a path relative to the login's home or a symlink is resolved once, here.
            ExecResult real = target.run(canonicalDirCommand(s.composeDir()));
            canonical = real.ok() && real.stdout().strip().startsWith("/") ? real.stdout().strip() : null;
            String dir = canonical != null ? canonical : s.composeDir();
            ExecResult yaml = target.run(RemoteCommand.of("cat", "--", dir + "/docker-compose.yaml"));
            if (canonical == null) {
                add(Check.fail("Compose directory", s.composeDir() + " is not a folder on " + dst + ": " + real.stderr().strip()
                        + ". Give the docker-compose folder of your deploy-sourcegraph-docker checkout."));
            } else if (!yaml.ok()) {
                add(Check.fail("Compose directory", dir + "/docker-compose.yaml cannot be read on " + dst + ": " + yaml.stderr().strip()
                        + ". Give the docker-compose folder of your deploy-sourcegraph-docker checkout."));
            } else {
                add(Check.pass("Compose directory", dir + (dir.equals(s.composeDir()) ? "" : " (" + s.composeDir() + ")")));
                for (String name : List.of(SourcegraphVersion.DB_ONLY_FILE_NEW, SourcegraphVersion.DB_ONLY_FILE_OLD)) {
                    if (dbOnly == null && target.run(RemoteCommand.of("test", "-f", dir + "/" + name)).ok()) dbOnly = name;
                }
                if (dbOnly == null) {
                    add(Check.fail("DB-only compose file", "Neither " + SourcegraphVersion.DB_ONLY_FILE_NEW + " nor " + SourcegraphVersion.DB_ONLY_FILE_OLD
                            + " is in " + dir + "; check out the deploy-sourcegraph-docker release that matches the old instance."));
                } else {
                    add(Check.pass("DB-only compose file", dbOnly));
                }
                Matcher m = FRONTEND_IMAGE.matcher(yaml.stdout());
                tv = m.find() ? SourcegraphVersion.parse(m.group(1)) : Optional.empty();
                if (tv.isEmpty()) {
                    add(Check.fail("Sourcegraph version (new host)", "No sourcegraph/frontend:X.Y.Z image in " + dir + "/docker-compose.yaml."));
                } else if (sv.isPresent() && !tv.get().equals(sv.get())) {
                    add(Check.fail("Versions match", capitalized(offer.what()) + " is " + sv.get() + " but the compose files are " + tv.get()
                            + ". Check out deploy-sourcegraph-docker at v" + sv.get() + " on the new host (upgrade after migrating)."
                            + (tv.get().compareTo(sv.get()) > 0 ? io.sgmigrate.engine.upgrade.UpgradePlanner.wayUp(offer.what().equals("the payload") ? "the customer's instance (and make the payload again)" : offer.what(), sv.get(), tv.get())
                            : " The new host's release is older: deploy " + sv.get() + " there (data never moves to an older release).")));
                } else if (sv.isPresent()) {
                    add(Check.pass("Versions match", sv.get() + " on both hosts"));
                }
            }
            if (canonical != null && compose != null) {
                ExecResult listed = target.run(compose.services(canonical + "/docker-compose.yaml"));
                if (listed.ok()) services = listed.stdout().lines().map(String::strip).filter(x -> !x.isEmpty()).toList();
                else add(Check.fail("Compose services", "docker-compose config cannot read " + canonical + "/docker-compose.yaml: " + listed.stderr().strip()));
                List<String> defined = services;
                List<String> missingTargets = dbs.stream().map(Facts::target).distinct()
                        .filter(t -> !defined.contains(t.container())).map(Facts.Target::container).toList();
                if (listed.ok() && !missingTargets.isEmpty()) {
                    add(Check.fail("Database services", capitalized(offer.what()) + " has data for " + String.join(", ", missingTargets) + ", which "
                            + canonical + "/docker-compose.yaml does not define. Use the deploy-sourcegraph-docker release that matches the old instance."));
                }
            }
            Postgres tpg = Facts.FRONTEND.postgres();
            String project = canonical == null ? null : composeProject(td, canonical);
            TargetInventory inventory = project == null ? null : guard("New host's databases", () -> TargetInventory.read(target, project));
            if (inventory != null && inventory.databases().stream().noneMatch(d -> d.present() && d.target().equals(Facts.FRONTEND))) {
                add(Check.fail("New host's databases", "pgsql does not run on " + dst + ". Start the deployment (docker-compose up -d in " + canonical + ") and run again."));
            } else if (inventory != null) {
                fresh = inventory.fresh();
                String held = String.join("; ", inventory.databases().stream().filter(TargetInventory.Db::present).map(TargetInventory.Db::describe).toList());
                add(fresh ? Check.pass("New host's databases", "a fresh install, nothing to lose: " + held)
                        : Check.warn("New host's databases", "WARNING: the new host holds data: " + held
                        + ". The migration replaces these databases (after restoring a checked copy beside them); back them up first if they matter. You will be asked to type the host name."));
                String targetPg = guard("PostgreSQL versions", () -> tpg.serverVersion(target));
                if (sourcePg != null && targetPg != null) add(postgresVersions(sourcePg, targetPg, fresh));
                if (targetPg != null) restoreOptions = restoreSessions(target, dbs, targetPg);
            }
            // Onto a fresh target nothing reads the payload back (the restore runs as it streams in): it is kept here, so it crosses the new host's link once.
            if (fresh && offer.staged() && staging == null) here = keptHere(s.journal(), estimate);
            if (staging == null && offer.staged() && !here) {
                String home = target.run(RemoteCommand.of("sh", "-c", "printf %s \"$HOME\"")).stdout().strip();
                // Never a shared folder such as /tmp, where another user could plant the path first.
                if (home.startsWith("/")) staging = home + "/sgmigrate-staging";
                else add(Check.fail("Staging folder", "The login on " + dst + " has no home folder; name a private folder with --staging-dir."));
            }
            if (staging != null && offer.staged() && !here) add(space(target, staging, estimate, "Space for the staged payload"));
            unpacks = restoreStream(target, compression);
            String root = target.run(RemoteCommand.of("docker", "info", "--format", "{{.DockerRootDir}}")).stdout().strip();
            if (!root.isEmpty()) add(space(target, root, 2 * estimate, "Space for the restored databases (Docker data root)"));
        }
        stopOnFailure();
        // Named after the journal, plus a hash of its full path: two runs never share a staged payload.
        String base = s.journal().getFileName().toString().replaceAll("\\.json$", "");
        String tag = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(s.journal().toAbsolutePath().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 8);
        String name = base.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + tag + ".payload.gpg";
        String runFile = !offer.staged() ? "" : here ? s.journal().toAbsolutePath().resolveSibling(name).toString() : staging + "/" + name;
        return new Facts(offer.container() == null ? "" : offer.container(), sv.map(Object::toString).orElse(""), tv.get().toString(), dbs, dbOnly,
                compose.program(), staging == null ? "" : staging, runFile,
                estimate, fresh, offer.sudo(), target.dockerViaSudo(), unpacks, offer.packs(), canonical, services, restoreOptions, here);
    }

    /** Whether the run's folder here has room for the payload (the database's size on disk, as on the new host); says where it goes. */
    private boolean keptHere(java.nio.file.Path journal, long estimate) {
        java.nio.file.Path folder = journal.toAbsolutePath().getParent();
        long free;
        try {
            free = java.nio.file.Files.getFileStore(folder).getUsableSpace();
        } catch (java.io.IOException e) {
            free = -1;
        }
        boolean room = free >= estimate;
        add(Check.pass("Payload kept here", room
                ? Units.bytes(free) + " free in " + folder + " on this machine, about " + Units.bytes(estimate) + " needed: the encrypted payload is kept there"
                        + " until verification passed, so the dump crosses the new host's link once"
                : (free < 0 ? "Could not read free space in " + folder : "Only " + Units.bytes(free) + " free in " + folder + ", about " + Units.bytes(estimate) + " needed")
                        + " on this machine: the payload is staged on the new host instead (it then crosses that link twice)"));
        return room;
    }

    /**
     * The restoring psql's session settings ({@link RestoreTuning}), sized to the new host's CPUs and memory and to the smallest
     * {@code /dev/shm} of the database containers the dumps go to.
     */
    private String restoreSessions(SshConnection target, List<String> dbs, String serverVersion) {
        long[] host = RestoreTuning.hostResources(target);
        if (host == null) return "";
        String smallest = null;
        long shm = Long.MAX_VALUE;
        int major = Integer.MAX_VALUE;   // the oldest server among them decides which settings exist (0 when one cannot be read)
        for (Facts.Target t : dbs.stream().map(Facts::target).distinct().toList()) {
            long size = RestoreTuning.shmSize(target, t.container()).orElse(RestoreTuning.DOCKER_DEFAULT_SHM);
            if (size < shm) {
                shm = size;
                smallest = t.container();
            }
            String version = serverVersion;
            if (t != Facts.FRONTEND) {
                try {
                    version = t.postgres().serverVersion(target);
                } catch (Problem p) {
                    version = "";
                }
            }
            major = Math.min(major, RestoreTuning.major(version));
        }
        if (smallest == null) return "";
        RestoreTuning tuning = RestoreTuning.size((int) host[0], host[1], shm, major);
        add(Check.pass("Restore sessions", tuning.describe(smallest)));
        return tuning.pgOptions();
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static boolean has(SshConnection host, String tool) {
        return host.run(RemoteCommand.of("sh", "-c", "command -v \"$1\" >/dev/null", "sgmigrate-check", tool)).ok();
    }

    /** Whether the old host can compress pg_dump's output before it crosses the network (zstd only: fast enough never to slow a dump). */
    private String dumpStream(SshConnection source, Compression c) {
        if (c == Compression.NONE) return "";
        boolean zstd = has(source, "zstd");
        add(Check.pass("Dump stream", zstd ? "pg_dump's output is compressed on the old host (zstd -1) before it crosses the network"
                : "no zstd on the old host: pg_dump's output crosses to this machine uncompressed (install zstd there to send about a quarter of the bytes)"));
        return zstd ? "zstd" : "";
    }

    /** Whether the new host can unpack compressed parts for psql (then the dump crosses to it compressed, not plain). */
    private String restoreStream(SshConnection target, Compression c) {
        if (c == Compression.NONE) return "";
        String tool = c.decompressCommand().get(0);
        boolean has = has(target, tool);
        add(Check.pass("Restore stream", has
                ? "the dumps go to psql on the new host compressed (" + c.name().toLowerCase(java.util.Locale.ROOT) + "), unpacked there by " + tool
                : "no " + tool + " on the new host: the dumps go to psql uncompressed (install " + tool + " there to send fewer bytes)"));
        return has ? c.name().toLowerCase(java.util.Locale.ROOT) : "";
    }

    /** Prints the folder's canonical path (symlinks, a trailing slash and a path relative to the login's home resolved). */
    static RemoteCommand canonicalDirCommand(String dir) {
        return RemoteCommand.of("sh", "-c", "cd -- \"$1\" && pwd -P", "sgmigrate-realpath", dir);
    }

    /** The compose project of the deployment in {@code dir}: from its containers' labels, else as Compose names it (the folder's name). */
    static String composeProject(DockerCli docker, String dir) {
        return docker.containers().stream().filter(c -> dir.equals(c.labels().get("com.docker.compose.project.working_dir")))
                .map(c -> c.labels().get("com.docker.compose.project")).filter(java.util.Objects::nonNull).findFirst()
                .orElse(dir.substring(dir.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]", ""));
    }

    /** A container by its exact name, or by an ID prefix that names exactly one. */
    static List<Container> named(List<Container> all, String name) {
        List<Container> exact = all.stream().filter(x -> x.name().equals(name)).toList();
        if (!exact.isEmpty() || name.length() < 4) return exact;
        return all.stream().filter(x -> x.id().startsWith(name)).toList();
    }

    private Container findContainer(List<Container> all, Optional<String> named, String where) {
        if (named.isPresent()) {
            List<Container> matches = named(all, named.get());
            if (matches.size() > 1) {
                add(Check.fail("Sourcegraph container", "The ID prefix " + named.get() + " names " + matches.size() + " containers on " + where + "; give more of it or the name."));
                return null;
            }
            Optional<Container> c = matches.stream().findFirst();
            if (c.isEmpty()) {
                add(Check.fail("Sourcegraph container", "No container named " + named.get() + " on " + where
                        + (named.get().length() < 4 ? " (an ID prefix needs at least 4 characters)" : "") + "."));
                return null;
            }
            if (!c.get().running()) {
                add(Check.fail("Sourcegraph container", c.get().name() + " is not running (" + c.get().status() + "); start it, its database is read live."));
                return null;
            }
            add(Check.pass("Sourcegraph container", c.get().name() + " (" + c.get().image() + ")"));
            return c.get();
        }
        List<Container> sg = all.stream().filter(x -> x.imageRepository().endsWith("sourcegraph/server") && x.running()).toList();
        if (sg.size() == 1) {
            add(Check.pass("Sourcegraph container", sg.get(0).name() + " (" + sg.get(0).image() + ")"));
            return sg.get(0);
        }
        add(Check.fail("Sourcegraph container", sg.isEmpty()
                ? "No running sourcegraph/server container on " + where + "; name it with --container if its image is renamed."
                : "Several sourcegraph/server containers run on " + where + "; choose one with --container."));
        return null;
    }

    /** An older server on the new host makes a failed restore predictable: refused where the target holds data, a warning on a fresh one. */
    static Check postgresVersions(String source, String target, boolean fresh) {
        int s = major(source);
        int t = major(target);
        if (t >= s) return Check.pass("PostgreSQL versions", source + " \u2192 " + target + ": a plain SQL dump restores into the same or a newer server");
        String text = "The new host runs PostgreSQL " + target + ", older than " + source + " on the old host; the restore stops at the first statement it does not understand.";
        return fresh ? Check.warn("PostgreSQL versions", text) : Check.fail("PostgreSQL versions", text + " Upgrade the new host's database images first.");
    }

    static int major(String version) {
        Matcher m = Pattern.compile("^(\\d+)").matcher(version.strip());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static Check space(SshConnection host, String dir, long needed, String name) {
        // df on the folder, or on its nearest existing parent when it does not exist yet.
        ExecResult r = host.run(RemoteCommand.of("sh", "-c",
                "d=\"$1\"; while [ ! -e \"$d\" ]; do d=$(dirname -- \"$d\"); done; df -Pk -- \"$d\" | tail -1", "sgmigrate-df", dir));
        String[] f = r.stdout().strip().split("\\s+");
        if (!r.ok() || f.length < 4) return Check.warn(name, "Could not read free space for " + dir + ": " + r.stderr().strip());
        long free = Long.parseLong(f[3]) * 1024;
        String text = Units.bytes(free) + " free in " + dir + ", about " + Units.bytes(needed) + " needed";
        return free >= needed ? Check.pass(name, text) : Check.fail(name, text + ". Free space or choose another place.");
    }

    private <T> T guard(String name, java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (Problem p) {
            add(Check.fail(name, p.oneLine() + (p.detail().isEmpty() ? "" : " (" + p.detail() + ")")));
            return null;
        }
    }

    private List<String> guardList(String name, java.util.function.Supplier<List<String>> s) {
        List<String> r = guard(name, s);
        return r == null ? List.of() : r;
    }
}
