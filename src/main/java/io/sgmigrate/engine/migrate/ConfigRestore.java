package io.sgmigrate.engine.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.inspect.PayloadInspector;
import io.sgmigrate.engine.inspect.PayloadKeys;
import io.sgmigrate.engine.prompt.Prompter;
import io.sgmigrate.engine.snapshot.FingerprintKey;
import io.sgmigrate.engine.snapshot.InstanceConfig;
import io.sgmigrate.engine.snapshot.Jsonc;
import io.sgmigrate.engine.sql.DockerExecSql;
import io.sgmigrate.engine.ssh.SshAddress;
import io.sgmigrate.engine.ssh.SshConnection;
import io.sgmigrate.engine.ssh.SshConnector;
import io.sgmigrate.engine.ssh.SshOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;

/**
 * A configuration-only payload put into a Docker Compose instance (seeds 003/004, option 1): what it brings is compared
 * with what the instance holds, by meaning (values shown as fingerprints, never in clear: they hold tokens), and after a
 * typed confirmation written the way the instance stores it: a new site configuration row, a new global settings row,
 * code hosts added or updated by display name. Nothing is removed; an encrypted code host is refused with the reason.
 */
public final class ConfigRestore {
    /** What to restore into where; {@code confirmHost}: an unattended run's confirmation, the new host's name. */
    public record Settings(Path payload, PayloadKeys keys, SshAddress target, SshOptions ssh, String composeDir, Optional<String> confirmHost) {}

    /** What the payload brings, what the instance holds, the differences as lines, and what will not be written (and why). */
    public record Difference(InstanceConfig brought, InstanceConfig now, List<String> lines, List<String> refused) {
        public boolean changes() {
            return lines.stream().anyMatch(l -> !l.startsWith("unchanged"));
        }
    }

    private final Settings s;
    private final Prompter prompter;
    private final FingerprintKey key = FingerprintKey.generate();

    public ConfigRestore(Settings settings, Prompter prompter) {
        this.s = settings;
        this.prompter = prompter;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the payload's configuration and the instance's, and compares them; writes nothing. */
    public Difference difference() {
        InstanceConfig brought = brought();
        try (SshConnection t = new SshConnector(prompter).connect(s.target(), s.ssh())) {
            return compare(brought, now(t));
        }
    }

    /** The difference, then the confirmation, then the writes; returns what was written. */
    public List<String> restore(java.util.function.Consumer<Difference> shown) {
        InstanceConfig brought = brought();
        try (SshConnection t = new SshConnector(prompter).connect(s.target(), s.ssh())) {
            Difference d = compare(brought, now(t));
            shown.accept(d);
            if (!d.changes()) return List.of("nothing to write: the instance already holds this configuration");
            confirm(d);
            return write(t, d);
        }
    }

    private InstanceConfig brought() {
        Map<String, byte[]> m = PayloadInspector.configMembers(s.payload(), s.keys());
        if (m.isEmpty()) throw Problem.of(Problem.Kind.INPUT, "config.restore.none", s.payload());
        Optional<String> site = Optional.ofNullable(m.get(InstanceConfig.SITE_CONFIG)).map(b -> new String(b, StandardCharsets.UTF_8));
        Optional<String> settings = Optional.ofNullable(m.get(InstanceConfig.GLOBAL_SETTINGS)).map(b -> new String(b, StandardCharsets.UTF_8));
        List<InstanceConfig.CodeHost> hosts = new ArrayList<>();
        byte[] h = m.get(InstanceConfig.CODE_HOSTS);
        if (h != null) {
            try {
                for (JsonNode n : JSON.readTree(h)) {
                    boolean enc = n.path("encrypted").asBoolean(false);
                    hosts.add(new InstanceConfig.CodeHost(n.path("kind").asText(), n.path("displayName").asText(), enc ? null : n.path("config").asText(), enc));
                }
            } catch (java.io.IOException e) {
                throw Problem.of(Problem.Kind.INPUT, "payload.read.corrupt").causedBy(e);
            }
        }
        return new InstanceConfig(site, settings, List.copyOf(hosts));
    }

    private static InstanceConfig now(SshConnection t) {
        try (DockerExecSql sql = new DockerExecSql(t, Facts.FRONTEND.container(), Facts.FRONTEND.user())) {
            return InstanceConfig.read(sql, Facts.FRONTEND.database());
        }
    }

    Difference compare(InstanceConfig brought, InstanceConfig now) {
        List<String> lines = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        brought.siteConfig().ifPresent(b -> lines.addAll(document("site configuration", b, now.siteConfig().orElse("{}"))));
        brought.globalSettings().ifPresent(b -> lines.addAll(document("global settings", b, now.globalSettings().orElse("{}"))));
        Map<String, InstanceConfig.CodeHost> held = new LinkedHashMap<>();
        for (InstanceConfig.CodeHost h : now.codeHosts()) held.put(h.displayName(), h);
        for (InstanceConfig.CodeHost b : brought.codeHosts()) {
            String name = b.kind() + " \u201c" + b.displayName() + "\u201d";
            if (b.encrypted()) {
                refused.add("code host " + name + ": its configuration is encrypted at rest with the old instance's key; add it again by hand");
                continue;
            }
            InstanceConfig.CodeHost h = held.get(b.displayName());
            if (h == null) lines.add("added: code host " + name + " (config " + fingerprint(b.config()) + ")");
            else if (h.encrypted()) refused.add("code host " + name + ": the instance's own is encrypted at rest; it is left as it is");
            else if (sameMeaning(b.config(), h.config()) && b.kind().equals(h.kind())) lines.add("unchanged: code host " + name);
            else lines.add("updated: code host " + name + " (config " + fingerprint(h.config()) + " \u2192 " + fingerprint(b.config()) + ")");
        }
        return new Difference(brought, now, List.copyOf(lines), List.copyOf(refused));
    }

    /** Top-level keys added, removed or changed between two JSONC documents, each value by its fingerprint. */
    private List<String> document(String what, String brought, String held) {
        JsonNode b;
        JsonNode h;
        try {
            b = Jsonc.parse(brought);
            h = Jsonc.parse(held);
        } catch (Jsonc.Malformed e) {
            return List.of("replaced: " + what + " (" + fingerprint(held) + " \u2192 " + fingerprint(brought) + "; one of them does not parse: " + e.getMessage() + ")");
        }
        if (b.equals(h)) return List.of("unchanged: " + what);
        TreeSet<String> keys = new TreeSet<>();
        for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) keys.add(it.next());
        for (Iterator<String> it = h.fieldNames(); it.hasNext(); ) keys.add(it.next());
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            if (!h.has(k)) out.add("added: " + what + " " + k + " (" + fingerprint(Jsonc.canonical(b.get(k))) + ")");
            else if (!b.has(k)) out.add("removed: " + what + " " + k + " (was " + fingerprint(Jsonc.canonical(h.get(k))) + ")");
            else if (!b.get(k).equals(h.get(k))) out.add("changed: " + what + " " + k + " (" + fingerprint(Jsonc.canonical(h.get(k))) + " \u2192 "
                    + fingerprint(Jsonc.canonical(b.get(k))) + ")");
        }
        return out;
    }

    private static boolean sameMeaning(String a, String b) {
        try {
            return Jsonc.parse(a).equals(Jsonc.parse(b));
        } catch (Jsonc.Malformed e) {
            return a.equals(b);
        }
    }

    private String fingerprint(String text) {
        String f = key.fingerprint(text == null ? "" : text);
        return "fingerprint " + f.substring(0, Math.min(12, f.length()));
    }

    private void confirm(Difference d) {
        String host = s.target().host();
        if (s.confirmHost().isPresent()) {
            if (!s.confirmHost().get().equals(host)) throw Problem.of(Problem.Kind.INPUT, "config.restore.wrongHost", s.confirmHost().get(), host);
            return;
        }
        String what = "This writes the configuration above into the instance in " + s.composeDir() + " on " + host
                + " (new rows; the rows before stay as its history):\n  " + String.join("\n  ", d.lines().stream().filter(l -> !l.startsWith("unchanged")).toList());
        Boolean ok;
        try {
            ok = prompter.typedConfirmation(what, host).join();
        } catch (CompletionException e) {
            ok = false;
        }
        if (!Boolean.TRUE.equals(ok)) throw Problem.of(Problem.Kind.CANCELLED, "config.restore.declined", host);
    }

    /** Whether the difference changes {@code what} (a line about it that is not "unchanged"). */
    private static boolean changed(Difference d, String what) {
        return d.lines().stream().anyMatch(l -> !l.startsWith("unchanged") && l.contains(": " + what));
    }

    private List<String> write(SshConnection t, Difference d) {
        Postgres pg = Facts.FRONTEND.postgres();
        String db = Facts.FRONTEND.database();
        List<String> done = new ArrayList<>();
        InstanceConfig b = d.brought();
        if (b.siteConfig().isPresent() && changed(d, "site configuration")) {
            pg.query(t, db, "insert into critical_and_site_config (type, contents) values ('site', " + Postgres.literal(b.siteConfig().get()) + ")");
            done.add("site configuration: a new row, as brought (comments and formatting kept)");
        }
        if (b.globalSettings().isPresent() && changed(d, "global settings")) {
            pg.query(t, db, "insert into settings (contents) values (" + Postgres.literal(b.globalSettings().get()) + ")");
            done.add("global settings: a new row, as brought");
        }
        Map<String, InstanceConfig.CodeHost> held = new LinkedHashMap<>();
        for (InstanceConfig.CodeHost h : d.now().codeHosts()) held.put(h.displayName(), h);
        for (InstanceConfig.CodeHost h : b.codeHosts()) {
            if (h.encrypted()) continue;
            InstanceConfig.CodeHost was = held.get(h.displayName());
            String name = h.kind() + " \u201c" + h.displayName() + "\u201d";
            if (was == null) {
                pg.query(t, db, "insert into external_services (kind, display_name, config) values (" + Postgres.literal(h.kind()) + ", "
                        + Postgres.literal(h.displayName()) + ", " + Postgres.literal(h.config()) + ")");
                done.add("code host " + name + ": added");
            } else if (!was.encrypted() && !(sameMeaning(was.config(), h.config()) && was.kind().equals(h.kind()))) {
                pg.query(t, db, "update external_services set kind = " + Postgres.literal(h.kind()) + ", config = " + Postgres.literal(h.config())
                        + ", updated_at = now() where deleted_at is null and display_name = " + Postgres.literal(h.displayName()));
                done.add("code host " + name + ": updated");
            }
        }
        return done;
    }
}
