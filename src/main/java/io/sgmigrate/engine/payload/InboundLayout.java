package io.sgmigrate.engine.payload;

import io.sgmigrate.engine.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which known layout a customer's archive has, and which entry plays which role in it. Names are as
 * {@link Inbound#entries} gives them (no leading {@code ./}); one top folder around everything is allowed.
 *
 * @param roles the entry of each role found
 * @param ignored every other entry
 */
public record InboundLayout(Layout layout, Map<Role, String> roles, List<String> ignored) {
    private static final int MAX_LISTED = 100;

    public enum Layout {
        /** {@code src snapshot}: {@code pgsql.sql} (or older {@code primary.sql}), {@code codeintel.sql}, {@code codeinsights.sql}, {@code summary.json}. */
        SRC_SNAPSHOT,
        /** A managed instance's seed: {@code pgsql_dump.sql}, a code-intel dump, a site-config JSON file. */
        MANAGED_INSTANCE,
        /** One SQL dump of another name; what it holds is decided from its content (a pg_dumpall, say). */
        SINGLE_DUMP,
        /** sgmigrate's own payload: read it with {@link PayloadReader}. */
        SGMIGRATE
    }

    public enum Role { FRONTEND, CODEINTEL, CODEINSIGHTS, SITE_CONFIG, SUMMARY, UNDECIDED_SQL }

    public InboundLayout {
        roles = Collections.unmodifiableMap(new EnumMap<>(roles.isEmpty() ? new EnumMap<>(Role.class) : roles));
        ignored = List.copyOf(ignored);
    }

    /** The entry playing {@code role}, or null. */
    public String entry(Role role) {
        return roles.get(role);
    }

    /** Refuses a layout it cannot tell for sure (no frontend dump, two candidates for one role), listing every entry. */
    public static InboundLayout detect(List<String> entryNames) {
        if (entryNames.contains(Manifest.FILE) && entryNames.stream().anyMatch(n -> n.startsWith("members/"))) {
            return new InboundLayout(Layout.SGMIGRATE, Map.of(), List.of());
        }
        String base = topFolder(entryNames);
        String snapshot = base + "src-snapshot/";
        String dir = entryNames.stream().anyMatch(n -> n.startsWith(snapshot)) ? snapshot : base;
        Map<Role, String> roles = new EnumMap<>(Role.class);
        Layout layout;
        boolean pgsql = entryNames.contains(dir + "pgsql.sql");
        boolean primary = entryNames.contains(dir + "primary.sql");
        boolean seed = entryNames.contains(dir + "pgsql_dump.sql");
        if (pgsql && primary) throw twoFrontends(entryNames, dir + "pgsql.sql, " + dir + "primary.sql");
        if ((pgsql || primary) && seed) throw twoFrontends(entryNames, dir + (pgsql ? "pgsql.sql" : "primary.sql") + ", " + dir + "pgsql_dump.sql");
        if (pgsql || primary || dir.equals(snapshot)) {
            layout = Layout.SRC_SNAPSHOT;
            put(roles, Role.FRONTEND, pgsql ? dir + "pgsql.sql" : primary ? dir + "primary.sql" : null);
            put(roles, Role.CODEINTEL, entryNames.contains(dir + "codeintel.sql") ? dir + "codeintel.sql" : null);
            put(roles, Role.CODEINSIGHTS, entryNames.contains(dir + "codeinsights.sql") ? dir + "codeinsights.sql" : null);
            put(roles, Role.SUMMARY, entryNames.contains(dir + "summary.json") ? dir + "summary.json" : null);
        } else if (seed) {
            layout = Layout.MANAGED_INSTANCE;
            List<String> here = entryNames.stream().filter(n -> n.startsWith(dir) && n.indexOf('/', dir.length()) < 0).toList();
            put(roles, Role.FRONTEND, dir + "pgsql_dump.sql");
            put(roles, Role.CODEINTEL, only(Role.CODEINTEL, entryNames, here.stream().filter(n -> sql(n) && lower(n, dir).contains("codeintel")).toList()));
            put(roles, Role.CODEINSIGHTS, only(Role.CODEINSIGHTS, entryNames, here.stream().filter(n -> sql(n) && lower(n, dir).contains("codeinsights")).toList()));
            List<String> json = here.stream().filter(n -> lower(n, dir).endsWith(".json")).toList();
            List<String> site = json.stream().filter(n -> lower(n, dir).contains("site")).toList();
            put(roles, Role.SITE_CONFIG, only(Role.SITE_CONFIG, entryNames, site.isEmpty() && json.size() == 1 ? json : site));
        } else {
            layout = Layout.SINGLE_DUMP;
            List<String> dumps = entryNames.stream().filter(InboundLayout::sql).toList();
            put(roles, Role.UNDECIDED_SQL, only(Role.UNDECIDED_SQL, entryNames, dumps));
        }
        if (!roles.containsKey(Role.FRONTEND) && !roles.containsKey(Role.UNDECIDED_SQL)) {
            throw Problem.of(Problem.Kind.INPUT, "inbound.layout.noFrontend", listed(entryNames));
        }
        List<String> ignored = new ArrayList<>(entryNames);
        ignored.removeAll(roles.values());
        return new InboundLayout(layout, roles, ignored);
    }

    /** {@code name/} when every entry is inside one folder other than {@code src-snapshot}, else the empty prefix. */
    private static String topFolder(List<String> names) {
        if (names.isEmpty()) return "";
        int slash = names.get(0).indexOf('/');
        if (slash <= 0) return "";
        String top = names.get(0).substring(0, slash + 1);
        if (top.equals("src-snapshot/")) return "";
        return names.stream().allMatch(n -> n.startsWith(top)) ? top : "";
    }

    private static String only(Role role, List<String> all, List<String> candidates) {
        if (candidates.size() > 1) {
            throw Problem.of(Problem.Kind.INPUT, "inbound.layout.twoCandidates", role.name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    String.join(", ", candidates), listed(all));
        }
        return candidates.isEmpty() ? null : candidates.get(0);
    }

    private static Problem twoFrontends(List<String> all, String candidates) {
        return Problem.of(Problem.Kind.INPUT, "inbound.layout.twoFrontends", candidates, listed(all));
    }

    private static void put(Map<Role, String> roles, Role role, String entry) {
        if (entry != null) roles.put(role, entry);
    }

    private static boolean sql(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".sql");
    }

    private static String lower(String name, String dir) {
        return name.substring(dir.length()).toLowerCase(Locale.ROOT);
    }

    /** Every entry, shown safely; a very long list ends with how many more there are. */
    private static String listed(List<String> names) {
        if (names.isEmpty()) return "-";
        List<String> shown = names.stream().limit(MAX_LISTED).map(Inbound::shown).toList();
        String more = names.size() > MAX_LISTED ? ", … +" + (names.size() - MAX_LISTED) : "";
        return String.join(", ", shown) + more;
    }
}
