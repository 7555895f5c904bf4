package io.sgmigrate.engine.upgrade;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.sourcegraph.SourcegraphVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Plans an upgrade from one Sourcegraph release to another from the release table: the standard path (one minor at a time,
 * a major's last minor into the next major's .0, the latest patch at each step, the target itself last), the migrator's
 * multi-version upgrade where it applies (from 3.20; the 5.10 image to reach 5.10), estimates and hazards. A downgrade or a
 * version the table does not know is refused, never guessed.
 */
public final class UpgradePlanner {
    public enum Deployment {
        DOCKER_COMPOSE("docker-compose"), KUBERNETES("kubernetes"), SERVER("server");

        private final String flag;

        Deployment(String flag) {
            this.flag = flag;
        }

        public String flag() {
            return flag;
        }

        public static Deployment of(String flag) {
            for (Deployment d : values()) if (d.flag.equals(flag)) return d;
            throw Problem.of(Problem.Kind.INPUT, "upgrade.deployment", flag);
        }
    }

    /** The handbook's estimate for one standard (minor) upgrade. */
    static final int[] MINOR_STEP = {20, 30};
    /** A guess: a patch within one minor, no schema change of note. */
    static final int[] PATCH_STEP = {5, 15};
    /** A guess: a step that also converts the databases (PG 11 to 12 with REINDEX, PG 12 to 16). */
    static final int[] CONVERTING_STEP = {30, 60};
    /** A guess per migrator leg: depends on data size and out-of-band migrations. */
    static final int[] MIGRATOR_LEG = {30, 90};

    static final SourcegraphVersion MVU_FROM = v(3, 20, 0);
    static final SourcegraphVersion MIGRATOR_SERVICE = v(3, 37, 0);
    static final SourcegraphVersion PG12 = v(3, 27, 0);
    static final SourcegraphVersion PG16 = v(5, 10, 0);
    static final SourcegraphVersion V7 = v(7, 0, 0);
    static final SourcegraphVersion PG16_LAST_CONVERTER = v(6, 11, 0);

    private final Releases releases;

    public UpgradePlanner(Releases releases) {
        this.releases = releases;
    }

    private static SourcegraphVersion v(int a, int b, int c) {
        return new SourcegraphVersion(a, b, c);
    }

    /** Parses a version given by a person; not a version at all is its own message. */
    public static SourcegraphVersion version(String text, String flag) {
        return SourcegraphVersion.parse(text).orElseThrow(() -> Problem.of(Problem.Kind.INPUT, "upgrade.notAVersion", flag, text));
    }

    /** The plan, or a clear refusal (downgrade, a version the table does not know). */
    public UpgradePlan plan(SourcegraphVersion from, SourcegraphVersion to, Deployment deployment) {
        if (to.compareTo(from) < 0) throw Problem.of(Problem.Kind.INPUT, "upgrade.downgrade", from, to);
        Releases.Minor start = known(from);
        known(to);
        List<UpgradePlan.Step> steps = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        SourcegraphVersion at = from;
        Releases.Minor minor = start;
        while (minor.major() != to.major() || minor.minor() != to.minor()) {
            Releases.Minor next = releases.next(minor).orElseThrow(() -> Problem.of(Problem.Kind.INPUT, "upgrade.noNext", to, releases.origin()));
            boolean last = next.major() == to.major() && next.minor() == to.minor();
            SourcegraphVersion deploy = last ? to : next.latest();
            if (at.major() == 5 && at.minor() == 0 && next.major() == 5 && next.minor() == 1 && !deploy.equals(v(5, 1, 0))) {
                // 5.0.x straight to a later 5.1 patch is broken (v5.1.5 known issues): 5.1.0 first, then on at once.
                steps.add(step(at, v(5, 1, 0), deployment, "5.0.x to 5.1.5 is broken (v5.1.5 known issues), so 5.1.0 comes first; 5.1.0 does not enforce"
                        + " permissions.userMapping: go on to the next step at once"));
                at = v(5, 1, 0);
            }
            steps.add(step(at, deploy, deployment));
            at = deploy;
            minor = next;
        }
        if (!at.equals(to)) steps.add(step(at, to, deployment));
        warnings.addAll(hazards(from, to, deployment));
        int lo = steps.stream().mapToInt(s -> s.minutes()[0]).sum();
        int hi = steps.stream().mapToInt(s -> s.minutes()[1]).sum();
        if (!steps.isEmpty()) warnings.add("Estimates: " + MINOR_STEP[0] + "\u2013" + MINOR_STEP[1] + " minutes a minor step is the handbook's figure;"
                + " patch steps, database conversions and the migrator's legs are guesses. Back up before each step.");
        UpgradePlan.MultiVersion mvu = multiVersion(from, to, steps, deployment, warnings);
        return new UpgradePlan(from.toString(), to.toString(), deployment.flag(), new UpgradePlan.Standard(steps, new int[] {lo, hi}), mvu, warnings,
                releases.origin());
    }

    private Releases.Minor known(SourcegraphVersion v) {
        Releases.Minor m = releases.minor(v.major(), v.minor()).orElseThrow(() -> Problem.of(Problem.Kind.INPUT, "upgrade.unknown", v, releases.origin(),
                releases.minors().get(0).name(), releases.newest()));
        if (v.patch() > m.latest().patch()) throw Problem.of(Problem.Kind.INPUT, "upgrade.unknownPatch", v, releases.origin(), m.latest());
        return m;
    }

    private UpgradePlan.Step step(SourcegraphVersion at, SourcegraphVersion deploy, Deployment d, String... extra) {
        List<String> notes = new ArrayList<>(List.of(extra));
        boolean sameMinor = at.major() == deploy.major() && at.minor() == deploy.minor();
        int[] minutes = sameMinor ? PATCH_STEP : MINOR_STEP;
        if (crosses(at, deploy, PG12)) {
            notes.add("PostgreSQL 11 to 12: start the 3.27 database containers first, then run REINDEX DATABASE on each database before the rest,"
                    + " or data is lost");
            minutes = CONVERTING_STEP;
        }
        if (crosses(at, deploy, PG16)) {
            notes.add("PostgreSQL 12 to 16 (Wolfi images): longer downtime; back up first");
            minutes = CONVERTING_STEP;
        }
        if (crosses(at, deploy, MIGRATOR_SERVICE)) notes.add("the one-shot migrator service arrives: it runs the schema migrations and exits");
        if (crosses(at, deploy, v(6, 12, 0))) notes.add("automatic upgrades (SRC_AUTOUPGRADE) are gone from here on");
        if (crosses(at, deploy, V7)) notes.add("7.0 has no sourcegraph/server image and no automatic PostgreSQL 12 to 16 conversion");
        if (sameMinor) notes.add("a patch: no schema change of note (estimate a guess)");
        return new UpgradePlan.Step(deploy.toString(), minutes, notes, commands(deploy, d));
    }

    private static boolean crosses(SourcegraphVersion at, SourcegraphVersion deploy, SourcegraphVersion line) {
        return at.compareTo(line) < 0 && deploy.compareTo(line) >= 0;
    }

    private static List<String> commands(SourcegraphVersion v, Deployment d) {
        return switch (d) {
            case DOCKER_COMPOSE -> List.of("git -C deploy-sourcegraph-docker fetch --tags", "git -C deploy-sourcegraph-docker checkout v" + v,
                    "cd deploy-sourcegraph-docker/docker-compose && docker-compose up -d --remove-orphans");
            case KUBERNETES -> List.of("helm upgrade --install --version " + v + " -f override.yaml sourcegraph sourcegraph/sourcegraph"
                    + "   (or: git checkout v" + v + " in deploy-sourcegraph-k8s, then apply it)");
            case SERVER -> List.of("docker stop sourcegraph && docker rm sourcegraph",
                    "docker run -d --name sourcegraph -p 7080:7080 -v ~/.sourcegraph/config:/etc/sourcegraph -v ~/.sourcegraph/data:/var/opt/sourcegraph sourcegraph/server:" + v);
        };
    }

    private static List<String> hazards(SourcegraphVersion from, SourcegraphVersion to, Deployment d) {
        List<String> w = new ArrayList<>();
        if (to.equals(v(6, 0, 0)) || to.equals(v(6, 0, 2687))) w.add(to + " has a known security issue: go to 6.0.12741 (6.0 patch 2) or 6.1 and later instead");
        if (to.equals(v(6, 2, 2553))) w.add("6.2.2553: users of the bundled PostgreSQL images meet a collation version mismatch; take a later 6.2 patch");
        if (to.equals(v(5, 10, 0))) w.add("5.10.0: upgrades (automatic and migrator) do not work for it; go to 5.10.1164 or later instead");
        if (to.equals(v(5, 1, 0))) w.add("5.1.0 does not enforce permissions.userMapping (explicit permissions); go to 5.1.1 or later instead");
        if (from.major() == 5 && from.minor() == 0 && to.compareTo(v(5, 1, 1)) >= 0) {
            w.add("5.0.x straight to 5.1.5 is broken, standard and multi-version: the path goes through 5.1.0");
        }
        if (crosses(from, to, PG16)) w.add("The path moves PostgreSQL 12 to 16 at 5.10: back up first; external databases must run PostgreSQL 16 for releases from January 2025");
        if (to.compareTo(V7) >= 0 && from.compareTo(PG16) < 0) {
            w.add("From a PostgreSQL 12 release to 7.x: 7.0 removed the automatic PostgreSQL 12 to 16 conversion, so the databases must reach 16 on a 6.x release"
                    + " (such as 6.11) before 7.0");
        }
        if (d == Deployment.SERVER && to.compareTo(V7) >= 0) {
            w.add("sourcegraph/server ends before 7.0: move to Docker Compose first (sgmigrate docker-to-compose, at 6.12 or earlier), then upgrade there");
        }
        return w;
    }

    private UpgradePlan.MultiVersion multiVersion(SourcegraphVersion from, SourcegraphVersion to, List<UpgradePlan.Step> steps, Deployment d, List<String> warnings) {
        if (steps.size() < 2) return null;
        if (from.compareTo(MVU_FROM) < 0) {
            warnings.add("No multi-version upgrade: the migrator's upgrade starts at 3.20, so from " + from + " the standard steps to 3.20 come first");
            return null;
        }
        if (d == Deployment.SERVER) {
            warnings.add("No multi-version upgrade for sourcegraph/server here: the migrator's documented procedures are for Docker Compose and Kubernetes");
            return null;
        }
        List<SourcegraphVersion> stops = new ArrayList<>();
        stops.add(from);
        if (from.compareTo(PG16) < 0 && to.compareTo(PG16) >= 0) {
            // Only the 5.10 migrator image reaches 5.10; newer ones go on from there.
            stops.add(v(5, 10, 0));
        }
        if (from.compareTo(PG16_LAST_CONVERTER) < 0 && to.compareTo(V7) >= 0) stops.add(PG16_LAST_CONVERTER);
        stops.add(to);
        List<UpgradePlan.Leg> legs = new ArrayList<>();
        for (int i = 0; i + 1 < stops.size(); i++) {
            SourcegraphVersion a = stops.get(i);
            SourcegraphVersion b = stops.get(i + 1);
            if (a.major() == b.major() && a.minor() == b.minor()) continue;
            String image = "sourcegraph/migrator:" + (b.major() == 5 && b.minor() == 10 ? releases.minor(5, 10).map(m -> m.latest().toString()).orElse("5.10")
                    : releases.newest().toString());
            String args = "upgrade --from=v" + a.major() + "." + a.minor() + " --to=v" + b.major() + "." + b.minor();
            legs.add(new UpgradePlan.Leg(image, a.major() + "." + a.minor(), b.major() + "." + b.minor(), args));
        }
        List<String> notes = new ArrayList<>();
        notes.add("Minutes per leg are a guess: the migrator's time depends on data size and out-of-band migrations; run it with --dry-run first to see its plan");
        notes.add("Patches are ignored by --from/--to; deploy the target " + to + " itself at the end");
        if (from.compareTo(MIGRATOR_SERVICE) < 0) notes.add("The migrator service exists from 3.37: add it (Compose service or Kubernetes Job) to the " + from + " deployment first");
        if (legs.size() > 1) notes.add("Legs in order: " + String.join("; ", legs.stream().map(l -> l.from() + " to " + l.to() + " with " + l.migratorImage()).toList())
                + (stops.contains(PG16_LAST_CONVERTER) ? "; start the 6.11 databases (they convert PostgreSQL 12 to 16) before the last leg" : ""));
        List<String> commands = new ArrayList<>();
        for (UpgradePlan.Leg l : legs) {
            if (d == Deployment.DOCKER_COMPOSE) {
                commands.add("cd deploy-sourcegraph-docker/docker-compose && docker-compose down --remove-orphans");
                commands.add("# in docker-compose.yaml, service migrator: image " + l.migratorImage() + ", command ['" + String.join("', '", l.command().split(" ")) + "']");
                commands.add("docker-compose up migrator");
            } else {
                commands.add("# run the migrator Job with image " + l.migratorImage() + " and args [" + String.join(", ", l.command().split(" ")) + "]; wait for it to complete");
            }
        }
        commands.addAll(commands(to, d));
        if (d == Deployment.DOCKER_COMPOSE) commands.add(2 + 3 * legs.size(), "# the checkout of v" + to + " brings back the migrator's command ['up']");
        int[] minutes = {MIGRATOR_LEG[0] * legs.size(), MIGRATOR_LEG[1] * legs.size()};
        UpgradePlan.Leg first = legs.get(0);
        return new UpgradePlan.MultiVersion(first.migratorImage(), first.command(), minutes, notes, legs, commands);
    }

    /** The plan as the numbered text {@code upgrade-path} prints. */
    public static String render(UpgradePlan p) {
        StringBuilder b = new StringBuilder();
        if (p.standard().steps().isEmpty()) {
            b.append("Nothing to do: ").append(p.from()).append(" is ").append(p.to()).append(".\n");
            return b.toString();
        }
        b.append("Upgrade ").append(p.from()).append(" to ").append(p.to()).append(" (").append(p.deployment()).append(")\n\n");
        b.append("Standard path, one version at a time: ").append(p.chain()).append('\n');
        int i = 1;
        for (UpgradePlan.Step s : p.standard().steps()) {
            b.append(String.format(Locale.ROOT, "%3d. %s   (%d\u2013%d min)%n", i++, s.version(), s.minutes()[0], s.minutes()[1]));
            for (String n : s.notes()) b.append("       note: ").append(n).append('\n');
            for (String c : s.commands()) b.append("       $ ").append(c).append('\n');
        }
        b.append(String.format(Locale.ROOT, "     Total: %d\u2013%d minutes of upgrades, %d step%s.%n", p.standard().minutes()[0], p.standard().minutes()[1],
                p.standard().steps().size(), p.standard().steps().size() == 1 ? "" : "s"));
        UpgradePlan.MultiVersion m = p.multiversion();
        if (m != null) {
            b.append("\nOr one multi-version upgrade with the migrator (").append(m.minutes()[0]).append('\u2013').append(m.minutes()[1]).append(" min, a guess):\n");
            for (String c : m.commands()) b.append(c.startsWith("#") ? "       " : "       $ ").append(c).append('\n');
            for (String n : m.notes()) b.append("       note: ").append(n).append('\n');
        }
        if (!p.warnings().isEmpty()) {
            b.append("\nWarnings:\n");
            for (String w : p.warnings()) b.append("  ! ").append(w).append('\n');
        }
        return b.toString();
    }

    /**
     * Where two versions meet and differ: the older one's way up to the newer one as a sentence, or "" when the shipped
     * table does not know one of them (a message then says nothing it cannot back).
     */
    public static String wayUp(String who, SourcegraphVersion older, SourcegraphVersion newer) {
        return new UpgradePlanner(Releases.shipped()).tryPlan(older, newer, Deployment.DOCKER_COMPOSE)
                .map(p -> " Or upgrade " + who + " to " + newer + " first: " + p.summary() + ".").orElse("");
    }

    /** The standard path from {@code from} to {@code to} as one line, when the table knows both and it is an upgrade. */
    public Optional<UpgradePlan> tryPlan(SourcegraphVersion from, SourcegraphVersion to, Deployment d) {
        try {
            return to.compareTo(from) > 0 ? Optional.of(plan(from, to, d)) : Optional.empty();
        } catch (Problem unknown) {
            return Optional.empty();
        }
    }
}
