package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.snapshot.FingerprintKey;
import io.sgmigrate.engine.snapshot.Jsonc;
import io.sgmigrate.engine.snapshot.JsoncEdit;
import io.sgmigrate.engine.snapshot.Snapshot;
import io.sgmigrate.engine.snapshot.SnapshotTaker;
import io.sgmigrate.engine.ssh.SshConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the restored site configuration gets before it is swapped in: a new {@code externalURL} (edited in place,
 * comments and formatting kept) or the customer's whole file. Written as a new row of {@code critical_and_site_config},
 * as the site admin page does, into the scratch database; the rows before it stay as history.
 */
public final class SiteConfigEdit {
    private static final String LATEST = "select coalesce((" + SnapshotTaker.LATEST_SITE_CONFIG + "), '')";
    private final Optional<String> externalUrl;
    private final Optional<String> replacement;

    private SiteConfigEdit(Optional<String> externalUrl, Optional<String> replacement) {
        this.externalUrl = externalUrl;
        this.replacement = replacement;
    }

    /** A root URL (http or https, a host, no path but "/", no query or fragment), or a clear refusal. */
    public static SiteConfigEdit externalUrl(String url) {
        return new SiteConfigEdit(Optional.of(rootUrl(url)), Optional.empty());
    }

    /** The customer's site configuration, which must parse as JSONC and be an object. */
    public static SiteConfigEdit replaceWith(String contents, String from) {
        boolean object;
        try {
            object = Jsonc.parse(contents).isObject();
        } catch (Jsonc.Malformed e) {
            throw Problem.of(Problem.Kind.INPUT, "load.siteConfig.malformed", from, e.getMessage());
        }
        if (!object) throw Problem.of(Problem.Kind.INPUT, "load.siteConfig.malformed", from, "it is not a JSON object");
        return new SiteConfigEdit(Optional.empty(), Optional.of(contents));
    }

    static String rootUrl(String url) {
        try {
            URI u = new URI(url.strip());
            boolean root = (u.getPath() == null || u.getPath().isEmpty() || u.getPath().equals("/")) && u.getQuery() == null && u.getFragment() == null;
            if (("https".equals(u.getScheme()) || "http".equals(u.getScheme())) && u.getHost() != null && u.getUserInfo() == null && root) {
                return u.getScheme() + "://" + u.getRawAuthority();
            }
        } catch (URISyntaxException e) {
            // refused below, in the same words as any other URL that is not a root URL
        }
        throw Problem.of(Problem.Kind.INPUT, "load.externalUrl.invalid", url);
    }

    /**
     * The customer's file from the payload, then what the person asked for: their own {@code --site-config} file replaces
     * it, their {@code --external-url} is set in it.
     */
    SiteConfigEdit after(SiteConfigEdit asked) {
        if (asked == null) return this;
        if (asked.replacement.isPresent()) return asked;
        return new SiteConfigEdit(asked.externalUrl, replacement);
    }

    /** What the new site configuration is, as the plan says it. */
    String description() {
        if (replacement.isEmpty()) return "the restored site configuration with externalURL " + externalUrl.orElseThrow() + " (edited in place, comments kept)";
        return "the customer's site configuration file" + externalUrl.map(u -> ", with externalURL " + u + " (edited in place, comments kept)").orElse("");
    }

    /** The new contents for {@code current}. */
    String edited(String current) {
        if (externalUrl.isEmpty()) return replacement.orElseThrow();
        try {
            return JsoncEdit.setString(replacement.orElse(current), "externalURL", externalUrl.get());
        } catch (Jsonc.Malformed e) {
            throw Problem.of(Problem.Kind.PRECONDITION, "load.siteConfig.unparseable", e.getMessage());
        }
    }

    /** Writes the new site configuration into the restored scratch database; returns what the journal records (old and new externalURL). */
    Map<String, String> apply(SshConnection target, Consumer<String> log) {
        Postgres pg = Facts.FRONTEND.postgres();
        String db = ScratchRestore.SCRATCH_DB;
        String current = pg.query(target, db, LATEST);
        String next = edited(current);
        pg.query(target, db, "insert into critical_and_site_config (type, contents) values ('site', " + Postgres.literal(next) + ")");
        Map<String, String> out = new LinkedHashMap<>();
        out.put("externalURL.before", urlOf(current));
        out.put("externalURL.after", urlOf(next));
        out.put("added:" + io.sgmigrate.engine.sourcegraph.SourcegraphVersion.FRONTEND_DB + ":public.critical_and_site_config", "1");
        out.put("how", replacement.isPresent() ? "the customer's site configuration file" + (externalUrl.isPresent() ? ", externalURL edited in it" : "")
                : "externalURL edited in place (comments and formatting kept)");
        log.accept("site configuration: externalURL " + shown(out.get("externalURL.before")) + " \u2192 " + shown(out.get("externalURL.after")));
        return out;
    }

    /**
     * The baseline as the verification must expect it: with the customer's file, its site configuration; a new
     * externalURL is a change the verification expects anyway (and {@link #externalUrl()} says which).
     */
    Snapshot expected(Snapshot baseline, FingerprintKey key) {
        Snapshot.Semantic sem = baseline.semantic();
        if (sem == null || replacement.isEmpty()) return baseline;
        Snapshot.Semantic edited = new Snapshot.Semantic(SnapshotTaker.siteConfig(edited(replacement.get()), key), sem.globalSettingsFingerprint(), sem.codeHosts());
        return new Snapshot(baseline.format(), baseline.capturedAt(), baseline.tool(), baseline.instance(), baseline.databases(), edited, baseline.fingerprintKeyId());
    }

    /** The externalURL the new instance must have afterwards, when this edit sets one. */
    public Optional<String> externalUrl() {
        return externalUrl.isPresent() ? externalUrl : replacement.map(SiteConfigEdit::urlOf).filter(u -> !u.isEmpty());
    }

    /** The externalURL of the site configuration the new instance uses now. */
    static String externalUrlOf(SshConnection target) {
        Facts.Target t = Facts.FRONTEND;
        return urlOf(t.postgres().query(target, t.database(), LATEST));
    }

    private static String urlOf(String jsonc) {
        try {
            return Jsonc.parse(jsonc).path("externalURL").asText("");
        } catch (Jsonc.Malformed e) {
            return "";
        }
    }

    private static String shown(String url) {
        return url.isEmpty() ? "(not set)" : url;
    }
}
