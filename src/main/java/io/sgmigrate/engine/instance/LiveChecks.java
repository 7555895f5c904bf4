package io.sgmigrate.engine.instance;

import com.fasterxml.jackson.databind.JsonNode;
import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.docker.Container;
import io.sgmigrate.engine.docker.DockerCli;
import io.sgmigrate.engine.migrate.Postgres;
import io.sgmigrate.engine.notice.MigrationNotice;
import io.sgmigrate.engine.snapshot.Jsonc;
import io.sgmigrate.engine.snapshot.SnapshotTaker;
import io.sgmigrate.engine.sql.DockerExecSql;
import io.sgmigrate.engine.sql.Sql;
import io.sgmigrate.engine.ssh.ExecResult;
import io.sgmigrate.engine.ssh.SshConnection;
import io.sgmigrate.engine.verify.ChecklistItem;
import io.sgmigrate.engine.verify.ChecklistItem.Sample;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * A look at the new instance as it comes to life, item by item, each with what was seen and when: the frontend's health
 * endpoint, the deployment's containers, repositories cloning, code host syncs, permission syncs, critical lines in
 * the frontend's log, externalURL, and the migration notice. Everything is read over the SSH connection (docker exec,
 * docker logs, psql in the pgsql container); nothing is written and no port is opened. Which tables exist is read from
 * the instance's own schema: where its version has no such table, the item says so and stays a person's to judge.
 */
public final class LiveChecks {
    public static final String FRONTEND = "sourcegraph-frontend-0";
    /** The frontend database of a Compose deployment: container, superuser, database. */
    private static final String PGSQL = "pgsql";
    private static final String USER = "sg";
    private static final String DB = "sg";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final Set<String> TABLES = Set.of("repo", "gitserver_repos", "external_services", "external_service_sync_jobs", "permission_sync_jobs");

    /** The new instance: its host, its deployment's folder, when the deployment was started, and the externalURL it should have (when one was set). */
    public record Target(SshConnection host, String composeDir, Instant deployedAt, Optional<String> externalUrl) {}

    /** One look: the live items in order, and the guides (link, what good looks like) for the items a person judges. */
    public record Look(List<ChecklistItem> items, Map<String, ChecklistItem> guides) {
        public Optional<ChecklistItem> item(String id) {
            return items.stream().filter(i -> i.id().equals(id)).findFirst();
        }
    }

    private final Supplier<Instant> clock;

    public LiveChecks() {
        this(Instant::now);
    }

    LiveChecks(Supplier<Instant> clock) {
        this.clock = clock;
    }

    /** Looks at {@code t} now; {@code previous} (the checklist as it was) gives the clone samples and restart counts to compare with. */
    public Look look(Target t, List<ChecklistItem> previous) {
        Instant now = clock.get().truncatedTo(ChronoUnit.SECONDS);
        Context c = new Context(t, now, previous, new DockerExecSql(t.host(), PGSQL, USER));
        List<ChecklistItem> items = new ArrayList<>();
        items.add(guarded(c, "frontend-health", "The frontend answers its health endpoint", this::health));
        items.add(guarded(c, "containers", "Every container of the deployment runs, none restarting", this::containers));
        items.add(guarded(c, "repos-cloning", "Repositories are cloned", this::cloning));
        items.add(guarded(c, "code-hosts-syncing", "Code host connections sync without errors", this::codeHosts));
        items.add(guarded(c, "permission-sync", "No permission sync job failed", this::permissions));
        items.add(guarded(c, "frontend-errors", "No site alert or critical error in the frontend's log", this::frontendErrors));
        items.add(guarded(c, "external-url", "externalURL is the address users reach", this::externalUrl));
        items.add(guarded(c, "migration-notice", "The migration notice is removed once users are told", this::notice));
        return new Look(List.copyOf(items), guides(c));
    }

    private interface Check {
        ChecklistItem run(Context c, String id, String title);
    }

    /** A check that could not look (a container gone, a query refused) is a FAIL that says why, never a missing item. */
    private static ChecklistItem guarded(Context c, String id, String title, Check check) {
        try {
            return check.run(c, id, title);
        } catch (RuntimeException e) {
            Problem p = Problem.in(e);
            return ChecklistItem.checked(id, title, "FAIL", "could not look: " + p.oneLine(), null, null, c.at());
        }
    }

    /** What one look shares: the time, the schema, the site config and the containers, each read once. */
    private static final class Context {
        final Target t;
        final Instant now;
        final List<ChecklistItem> previous;
        final Sql sql;
        private Map<String, Set<String>> columns;
        private List<Container> deployment;
        private Optional<String> externalUrl;
        private Long repositories;
        private String aRepository;

        Context(Target t, Instant now, List<ChecklistItem> previous, Sql sql) {
            this.t = t;
            this.now = now;
            this.previous = previous;
            this.sql = sql;
        }

        String at() {
            return now.toString();
        }

        String since() {
            return t.deployedAt().truncatedTo(ChronoUnit.SECONDS).toString();
        }

        Optional<ChecklistItem> before(String id) {
            return previous.stream().filter(i -> i.id().equals(id)).findFirst();
        }

        /** The columns of the tables the checks read, by table; a table the version does not have is absent. */
        Map<String, Set<String>> columns() {
            if (columns == null) {
                columns = new TreeMap<>();
                String in = String.join(", ", TABLES.stream().sorted().map(Postgres::literal).toList());
                for (List<String> r : sql.rows(DB, "select table_name, column_name from information_schema.columns where table_schema = 'public' and table_name in (" + in + ")")) {
                    columns.computeIfAbsent(r.get(0), k -> new TreeSet<>()).add(r.get(1));
                }
            }
            return columns;
        }

        boolean has(String table, String... cols) {
            Set<String> c = columns().get(table);
            return c != null && c.containsAll(List.of(cols));
        }

        List<Container> deployment() {
            if (deployment == null) {
                String dir = normal(t.composeDir());
                deployment = new DockerCli(t.host()).containers().stream()
                        .filter(x -> dir.equals(normal(x.labels().getOrDefault("com.docker.compose.project.working_dir", "")))).toList();
            }
            return deployment;
        }

        /** externalURL of the site config in use, or empty when it has none. */
        Optional<String> externalUrl() {
            if (externalUrl == null) {
                String contents = sql.value(DB, SnapshotTaker.LATEST_SITE_CONFIG);
                String url = null;
                if (contents != null) {
                    try {
                        JsonNode v = Jsonc.parse(contents).path("externalURL");
                        url = v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
                    } catch (Jsonc.Malformed e) {
                        url = null;
                    }
                }
                externalUrl = Optional.ofNullable(url);
            }
            return externalUrl;
        }

        Optional<InstanceLinks> links() {
            try {
                return externalUrl().flatMap(InstanceLinks::of);
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }

        String link(java.util.function.Function<InstanceLinks, String> where) {
            return links().map(where).orElse(null);
        }

        /** Repositories not deleted, and one of their names (a cloned one when there is one), for the search a person runs. */
        void readRepositories() {
            if (repositories != null) return;
            repositories = Long.parseLong(sql.value(DB, "select count(*)::text from repo where deleted_at is null"));
            String order = has("gitserver_repos", "repo_id", "clone_status")
                    ? " order by (select g.clone_status = 'cloned' from gitserver_repos g where g.repo_id = r.id) desc nulls last, r.id" : " order by r.id";
            aRepository = sql.value(DB, "select r.name from repo r where r.deleted_at is null" + order + " limit 1");
        }
    }

    static String normal(String dir) {
        String d = dir.strip();
        while (d.length() > 1 && d.endsWith("/")) d = d.substring(0, d.length() - 1);
        return d;
    }

    private ChecklistItem health(Context c, String id, String title) {
        String good = "GET /healthz inside " + FRONTEND + " answers 200 \u201cok\u201d (docker exec, no port opened)";
        String link = c.link(InstanceLinks::signIn);
        Optional<Container> frontend = c.deployment().stream().filter(x -> x.name().equals(FRONTEND)).findFirst();
        if (frontend.isEmpty()) {
            return ChecklistItem.checked(id, title, "FAIL", "no container " + FRONTEND + " in " + c.t.composeDir() + " on " + c.t.host().address().display(), link, good, c.at());
        }
        ExecResult r = c.t.host().run(DockerCli.execCommand(FRONTEND, List.of("wget", "-q", "-O", "-", "http://127.0.0.1:3080/healthz")));
        if (r.ok()) {
            String body = r.stdout().strip();
            return ChecklistItem.checked(id, title, "PASS", "/healthz answered" + (body.isEmpty() ? "" : " \u201c" + cut(body, 40) + "\u201d"), link, good, c.at());
        }
        String said = cut((r.stderr() + " " + r.stdout()).strip(), 200);
        if (frontend.get().status().contains("health: starting")) {
            return ChecklistItem.checked(id, title, "PENDING", "still starting (" + frontend.get().status() + "); /healthz: " + said, link, good, c.at());
        }
        return ChecklistItem.checked(id, title, "FAIL", "/healthz did not answer: " + said + "; the container: " + frontend.get().status()
                + ". Look at docker logs " + FRONTEND, link, good, c.at());
    }

    private ChecklistItem containers(Context c, String id, String title) {
        String good = "every service Up (healthy where it has a health check); one-shot services such as the migrator Exited (0); no restarts";
        List<Container> all = c.deployment();
        if (all.isEmpty()) {
            return ChecklistItem.checked(id, title, "FAIL", "no container of the deployment in " + c.t.composeDir() + " on " + c.t.host().address().display()
                    + ": start it with docker compose up -d there", null, good, c.at());
        }
        Map<String, Integer> restarts = new DockerCli(c.t.host()).restartCounts(all.stream().map(Container::id).toList());
        Map<String, String> lastSeen = c.before(id).map(ChecklistItem::seen).orElse(Map.of());
        List<String> bad = new ArrayList<>();
        List<String> restartedBefore = new ArrayList<>();
        int running = 0;
        int oneShot = 0;
        for (Container x : all) {
            String s = x.status();
            int n = restarts.getOrDefault(x.name(), 0);
            String was = lastSeen.get(x.name());
            if ("restarting".equalsIgnoreCase(x.state()) || s.startsWith("Restarting")) bad.add(x.name() + " is restarting (" + s + ", " + n + " restarts)");
            else if (x.running() && s.contains("(unhealthy)")) bad.add(x.name() + " is unhealthy (" + s + ")");
            else if (x.running() && was != null && was.matches("\\d+") && n > Integer.parseInt(was)) {
                bad.add(x.name() + " restarted " + (n - Integer.parseInt(was)) + " time(s) since the look at " + lastSeen.getOrDefault("at", "?"));
            } else if (x.running()) {
                running++;
                if (n > 0) restartedBefore.add(x.name() + " " + n + " time(s)");
            } else if (x.exitedCleanly()) oneShot++;
            else bad.add(x.name() + " is not running (" + s + ")");
        }
        Map<String, String> seen = new TreeMap<>();
        restarts.forEach((k, v) -> seen.put(k, Integer.toString(v)));
        seen.put("at", c.at());
        String counted = running + " running" + (oneShot > 0 ? ", " + oneShot + " one-shot finished cleanly" : "");
        if (!bad.isEmpty()) {
            return ChecklistItem.checked(id, title, "FAIL", String.join("; ", bad) + " (" + counted + "). Look at docker logs of each", null, good, c.at()).withSeen(seen);
        }
        if (!restartedBefore.isEmpty()) {
            return ChecklistItem.checked(id, title, "WARN", counted + "; restarted before this look: " + String.join(", ", restartedBefore)
                    + " (not since; look again to see it stays so)", null, good, c.at()).withSeen(seen);
        }
        return ChecklistItem.checked(id, title, "PASS", counted + ", none restarted", null, good, c.at()).withSeen(seen);
    }

    private ChecklistItem cloning(Context c, String id, String title) {
        String link = c.link(InstanceLinks::repositories);
        String good = "every repository cloned; the count of cloned ones rises until it does";
        if (!c.has("gitserver_repos", "repo_id", "clone_status")) {
            return ChecklistItem.guide(id, title, "sgmigrate cannot see clone status here: this version's database has no gitserver_repos table."
                    + " Look at Site admin > Repositories", link, "every repository shows as cloned, none with an error", c.at());
        }
        boolean errors = c.has("gitserver_repos", "last_error");
        String errorExpr = errors ? "count(*) filter (where coalesce(g.last_error, '') <> '' and coalesce(g.clone_status, 'not_cloned') <> 'cloned')" : "0";
        long cloned = 0;
        long cloning = 0;
        long notCloned = 0;
        long failing = 0;
        for (List<String> r : c.sql.rows(DB, "select coalesce(g.clone_status, 'not_cloned'), count(*)::text, " + errorExpr + "::text"
                + " from repo r left join gitserver_repos g on g.repo_id = r.id where r.deleted_at is null group by 1")) {
            long n = Long.parseLong(r.get(1));
            failing += Long.parseLong(r.get(2));
            switch (r.get(0)) {
                case "cloned" -> cloned += n;
                case "cloning" -> cloning += n;
                default -> notCloned += n;
            }
        }
        long total = cloned + cloning + notCloned;
        List<Sample> samples = CloneProgress.appended(c.before(id).map(ChecklistItem::samples).orElse(null), new Sample(c.at(), cloned, total));
        CloneProgress p = new CloneProgress(samples);
        StringBuilder e = new StringBuilder();
        e.append("cloned ").append(cloned).append(" of ").append(total);
        if (total > 0) e.append(" (").append(cloned * 100 / total).append("%)");
        if (cloning > 0) e.append(", cloning ").append(cloning);
        if (notCloned > 0) e.append(", not cloned ").append(notCloned);
        p.fellFrom().ifPresent(was -> e.append("; fewer than the ").append(was.done()).append(" at the look at ").append(CLOCK.format(Instant.parse(was.at())))
                .append(" (gitserver re-checked them: the new host clones them itself)"));
        if (p.samples().size() == 1 && cloned == total && java.time.Duration.between(c.t.deployedAt(), c.now).toMinutes() < 10) {
            e.append("; as the database records it: right after a move that may still be the old instance's record; look again in a few minutes");
        }
        if (cloned < total) {
            var rate = p.perMinute();
            if (rate.isPresent() && rate.getAsDouble() > 0) {
                double r = rate.getAsDouble();
                e.append("; ").append(String.format(java.util.Locale.ROOT, r >= 10 ? "%.0f" : "%.1f", r)).append(" a minute lately");
                p.remaining().ifPresent(d -> e.append(", all cloned in about ").append(CloneProgress.shown(d)).append(" (").append(CLOCK.format(c.now.plus(d))).append(")"));
            } else if (rate.isEmpty()) {
                e.append("; the rate shows from the next look");
            } else {
                e.append("; none cloned lately");
            }
        }
        if (failing > 0) {
            List<String> shown = new ArrayList<>();
            for (List<String> r : c.sql.rows(DB, "select r.name, g.last_error from gitserver_repos g join repo r on r.id = g.repo_id where r.deleted_at is null"
                    + " and coalesce(g.last_error, '') <> '' and g.clone_status <> 'cloned' order by r.name limit 3")) {
                shown.add(r.get(0) + ": " + cut(r.get(1), 120));
            }
            e.append("; ").append(failing).append(" with an error, e.g. ").append(String.join(" | ", shown));
        }
        String status;
        if (total == 0) {
            status = "WARN";
            e.append(": this instance has no repository (are its code host connections there?)");
        } else if (cloned == total) {
            status = "PASS";
        } else if (failing > 0 && p.stuck()) {
            status = "WARN";
            e.append("; none cloned for ").append(CloneProgress.shown(p.unchangedFor()));
        } else {
            status = "PENDING";
        }
        return ChecklistItem.checked(id, title, status, e.toString(), link, good, c.at()).withSamples(samples);
    }

    private ChecklistItem codeHosts(Context c, String id, String title) {
        String link = c.link(InstanceLinks::codeHosts);
        String good = "each connection's latest sync since the move completed, without an error message";
        if (!c.has("external_service_sync_jobs", "external_service_id", "state", "failure_message", "started_at", "finished_at")) {
            return ChecklistItem.guide(id, title, "sgmigrate cannot see sync jobs here: this version's database has no external_service_sync_jobs table."
                    + " Look at Site admin > Code host connections", link, "each connection synced lately, without an error", c.at());
        }
        String since = Postgres.literal(c.since());
        List<List<String>> rows = c.sql.rows(DB, "select es.display_name, es.kind, j.state, coalesce(j.failure_message, ''),"
                + " to_char(coalesce(j.finished_at, j.started_at) at time zone 'UTC', 'HH24:MI \"UTC\" YYYY-MM-DD'),"
                + " (coalesce(j.finished_at, j.started_at) >= " + since + "::timestamptz)::text"
                + " from external_services es left join lateral (select x.state, x.failure_message, x.finished_at, x.started_at from external_service_sync_jobs x"
                + " where x.external_service_id = es.id order by x.id desc limit 1) j on true where es.deleted_at is null order by es.id");
        if (rows.isEmpty()) {
            return ChecklistItem.checked(id, title, "WARN", "this instance has no code host connection: nothing is synced or cloned", link, good, c.at());
        }
        List<String> failed = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        List<String> synced = new ArrayList<>();
        for (List<String> r : rows) {
            String name = r.get(0) + " (" + r.get(1) + ")";
            String state = r.get(2);
            if (state == null) waiting.add(name + ": no sync yet");
            else if (state.equals("errored") || state.equals("failed")) failed.add(name + ": " + state + " at " + r.get(4) + ": " + cut(r.get(3), 200));
            else if (state.equals("queued") || state.equals("processing")) waiting.add(name + ": " + state);
            else if (state.equals("completed") && "true".equals(r.get(5))) synced.add(name + ": completed " + r.get(4));
            else if (state.equals("completed")) waiting.add(name + ": last synced " + r.get(4) + ", before this deployment started; waiting for its first sync here");
            else waiting.add(name + ": " + state);
        }
        List<String> all = new ArrayList<>(failed);
        all.addAll(waiting);
        all.addAll(synced);
        String status = !failed.isEmpty() ? "FAIL" : !waiting.isEmpty() ? "PENDING" : "PASS";
        return ChecklistItem.checked(id, title, status, String.join("; ", all), link, good, c.at());
    }

    private ChecklistItem permissions(Context c, String id, String title) {
        String link = c.link(InstanceLinks::permissionSyncs);
        String good = "no permission sync job finished as failed or errored since the deployment started";
        if (!c.has("permission_sync_jobs", "state", "finished_at")) {
            return ChecklistItem.guide(id, title, "sgmigrate cannot see permission syncs here: this version's database has no permission_sync_jobs table."
                    + " If repository permissions are synced, look at users' permissions in Site admin", c.link(InstanceLinks::siteAdmin),
                    "users see the private repositories they saw before", c.at());
        }
        String since = Postgres.literal(c.since());
        List<String> r = c.sql.rows(DB, "select count(*)::text, (count(*) filter (where state in ('errored', 'failed')))::text from permission_sync_jobs"
                + " where finished_at >= " + since + "::timestamptz").get(0);
        long finished = Long.parseLong(r.get(0));
        long failed = Long.parseLong(r.get(1));
        if (failed == 0) {
            return ChecklistItem.checked(id, title, "PASS", finished == 0 ? "no permission sync job finished since " + c.since()
                    : finished + " finished since " + c.since() + ", none failed", link, good, c.at());
        }
        String who = c.has("permission_sync_jobs", "user_id", "repository_id")
                ? "coalesce('user ' || user_id::text, 'repository ' || repository_id::text, 'job ' || id::text)" : "'job ' || id::text";
        String message = c.has("permission_sync_jobs", "failure_message") ? "coalesce(failure_message, '')" : "''";
        List<String> shown = new ArrayList<>();
        for (List<String> x : c.sql.rows(DB, "select " + who + ", state, " + message + " from permission_sync_jobs where finished_at >= " + since
                + "::timestamptz and state in ('errored', 'failed') order by id desc limit 3")) {
            shown.add(x.get(0) + " " + x.get(1) + (x.get(2).isEmpty() ? "" : ": " + cut(x.get(2), 160)));
        }
        return ChecklistItem.checked(id, title, "FAIL", failed + " of " + finished + " permission sync job(s) since " + c.since() + " failed, the latest: "
                + String.join(" | ", shown), link, good, c.at());
    }

    private ChecklistItem frontendErrors(Context c, String id, String title) {
        String link = c.link(InstanceLinks::siteAdmin);
        String good = "no critical line (lvl=crit, FATAL, panic) in docker logs " + FRONTEND + " since the deployment started";
        ExecResult log = new DockerCli(c.t.host()).logs(FRONTEND, c.since(), 5000);
        if (!log.ok()) {
            return ChecklistItem.checked(id, title, "WARN", "its log could not be read: " + cut(log.stderr().strip(), 200) + "; look at docker logs " + FRONTEND,
                    link, good, c.at());
        }
        List<String> critical = FrontendLog.critical(log.stdout() + "\n" + log.stderr());
        if (critical.isEmpty()) {
            return ChecklistItem.checked(id, title, "PASS", "no critical line since " + c.since() + "; Site admin shows site alerts too", link, good, c.at());
        }
        return ChecklistItem.checked(id, title, "FAIL", critical.size() + " critical line(s) since " + c.since() + ", the last: " + FrontendLog.lastShown(critical),
                link, good, c.at());
    }

    private ChecklistItem externalUrl(Context c, String id, String title) {
        String link = c.link(InstanceLinks::configuration);
        Optional<String> now = c.externalUrl();
        Optional<String> asked = c.t.externalUrl().filter(s -> !s.isBlank());
        String good = asked.map(a -> "externalURL is " + a + ", as set").orElse("externalURL is the address users open, http(s) and without a path");
        if (asked.isPresent()) {
            boolean same = now.isPresent() && trimSlash(now.get()).equals(trimSlash(asked.get()));
            return ChecklistItem.checked(id, title, same ? "PASS" : "FAIL", same ? "externalURL is " + now.get() + ", as set"
                    : "externalURL is " + now.orElse("not set") + ", but " + asked.get() + " was set; change it in Site admin > Configuration", link, good, c.at());
        }
        if (now.isEmpty()) {
            return ChecklistItem.checked(id, title, "WARN", "externalURL is not set: links in e-mails and in the UI will be wrong", link, good, c.at());
        }
        if (InstanceLinks.of(now.get()).isEmpty()) {
            return ChecklistItem.checked(id, title, "WARN", "externalURL is " + now.get() + ", not an http(s) address", link, good, c.at());
        }
        return ChecklistItem.checked(id, title, "PASS", "externalURL is " + now.get() + " (carried over with the data: users reach the new host there?)", link, good, c.at());
    }

    private ChecklistItem notice(Context c, String id, String title) {
        String link = c.link(InstanceLinks::globalSettings);
        String good = "no migration notice in the global settings once users know the move is done";
        MigrationNotice.Settings s = MigrationNotice.read(new MigrationNotice.Instance(c.t.host(), PGSQL, USER, DB, "Docker Compose (" + c.t.composeDir() + ")"));
        List<String> ours = new ArrayList<>();
        int others = 0;
        try {
            for (JsonNode n : Jsonc.parse(s.contents()).path("notices")) {
                String message = n.path("message").asText("");
                if (n.equals(MigrationNotice.notice(message))) ours.add(message);
                else others++;
            }
        } catch (Jsonc.Malformed e) {
            return ChecklistItem.checked(id, title, "WARN", "the global settings (row " + s.id() + ") do not parse: " + e.getMessage(), link, good, c.at());
        }
        String rest = others == 0 ? "" : "; " + others + " other notice(s) stay";
        if (ours.isEmpty()) return ChecklistItem.checked(id, title, "PASS", "no migration notice in the global settings" + rest, link, good, c.at());
        String remove = MigrationNotice.removeCommand(c.t.host().address().toString(), Optional.empty(), Optional.of(c.t.composeDir()), ours.get(0));
        return ChecklistItem.checked(id, title, "WARN", "still shown to every user: \u201c" + cut(ours.get(0), 80) + "\u201d. Once users are told, remove it: "
                + remove + rest, link, good, c.at());
    }

    /** Where a person looks for what only a person can judge, and what good looks like there. */
    private static Map<String, ChecklistItem> guides(Context c) {
        Map<String, ChecklistItem> g = new LinkedHashMap<>();
        String count = null;
        String name = null;
        try {
            c.readRepositories();
            count = Long.toString(c.repositories);
            name = c.aRepository;
        } catch (RuntimeException e) {
            // The database did not answer: the guides go without the numbers; the items above say what failed.
        }
        g.put("sign-in", ChecklistItem.guide("sign-in", "Sign in to the new instance as a site admin", null, c.link(InstanceLinks::signIn),
                "the sign-in page opens at this address with a certificate the browser trusts, and a site admin of the old instance signs in", c.at()));
        g.put("repos-listed", ChecklistItem.guide("repos-listed", "Repositories are listed in Site admin > Repositories",
                count == null ? null : "the database has " + count + " repositories", c.link(InstanceLinks::repositories),
                (count == null ? "the list" : "the list counts " + count + " repositories") + ", the names you know from the old instance", c.at()));
        String query = name == null ? null : InstanceLinks.repositoryQuery(name);
        String finalName = name;
        g.put("search", ChecklistItem.guide("search", "A search returns results", query == null ? null : "search for " + query,
                name == null ? null : c.links().map(l -> l.searchRepository(finalName)).orElse(null),
                name == null ? "results for a repository you know" : "the result is " + name + "; then a word you know is in its code, once it is cloned", c.at()));
        g.put("site-health", ChecklistItem.guide("site-health", "Site admin > Status and Monitoring show no alerts", null, c.link(InstanceLinks::siteAdmin),
                "no alert at the top of Site admin, the monitoring page shows no critical alert", c.at()));
        return g;
    }

    private static String cut(String s, int n) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > n ? one.substring(0, n) + "\u2026" : one;
    }

    private static String trimSlash(String s) {
        String t = s.strip();
        while (t.endsWith("/")) t = t.substring(0, t.length() - 1);
        return t;
    }
}
