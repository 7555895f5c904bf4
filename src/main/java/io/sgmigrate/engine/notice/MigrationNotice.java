package io.sgmigrate.engine.notice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.migrate.Postgres;
import io.sgmigrate.engine.shell.Shell;
import io.sgmigrate.engine.snapshot.InstanceDatabases;
import io.sgmigrate.engine.snapshot.Jsonc;
import io.sgmigrate.engine.snapshot.JsoncEdit;
import io.sgmigrate.engine.sql.DockerExecSql;
import io.sgmigrate.engine.ssh.SshConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The banner that tells an instance's users a migration is under way (seed 001): a notice at the top of every page that
 * cannot be dismissed, in the global settings. Global settings are append-only rows, so adding or removing it writes a
 * new row whose JSONC is the one in use with just that change (comments and formatting kept). This is the only write
 * sgmigrate ever makes to an instance it reads from, and only when asked.
 */
public final class MigrationNotice {
    public static final String DEFAULT_MESSAGE = "This Sourcegraph instance is being moved. Changes to its configuration made now may not"
            + " be kept, and it may be slower than usual until the move is finished.";
    // Ordered by the integer column: "id" alone would name the text output column, and "9" sorts after "10".
    static final String LATEST = "select settings.id::text, coalesce(contents, '{}') from settings where org_id is null and user_id is null order by settings.id desc limit 1";

    private MigrationNotice() {}

    /** Where an instance's frontend database is and who may write to it. */
    public record Instance(SshConnection host, String container, String user, String database, String shown) {}

    /** The global settings in use: the newest global row (0 when there is none yet) and its JSONC. */
    public record Settings(long id, String contents) {}

    /** What {@link #add} or {@link #remove} did: the settings before and after, the new row (0: nothing written), why not. */
    public record Change(Settings before, String after, long newRow, String unchanged) {
        public boolean written() {
            return newRow > 0;
        }
    }

    /** A Compose deployment's pgsql, else the single container (named, or the one running). */
    public static Instance find(SshConnection host, Optional<String> container, Optional<String> composeDir) {
        if (composeDir.isPresent()) return new Instance(host, "pgsql", "sg", "sg", "Docker Compose (" + composeDir.get() + ") on " + host.address().display());
        try (InstanceDatabases dbs = InstanceDatabases.singleContainer(host, container)) {
            String name = dbs.instance().location();
            return new Instance(host, name, "postgres", "sourcegraph", "single container " + name + " on " + host.address().display());
        }
    }

    /** {@code sgmigrate notice remove} for this instance and notice, quoted as a shell needs it: what a person runs once the move is done. */
    public static String removeCommand(String host, Optional<String> container, Optional<String> composeDir, String message) {
        StringBuilder sb = new StringBuilder("sgmigrate notice remove --host ").append(Shell.quote(host));
        container.ifPresent(c -> sb.append(" --container ").append(Shell.quote(c)));
        composeDir.ifPresent(d -> sb.append(" --compose-dir ").append(Shell.quote(d)));
        if (!message.equals(DEFAULT_MESSAGE)) sb.append(" --message ").append(Shell.quote(message));
        return sb.toString();
    }

    /** The notice as the settings hold it: this message, at the top, not dismissible. */
    public static JsonNode notice(String message) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("message", message).put("location", "top").put("dismissible", false);
        return n;
    }

    public static Settings read(Instance i) {
        try (DockerExecSql sql = new DockerExecSql(i.host(), i.container(), i.user())) {
            List<List<String>> rows = sql.rows(i.database(), LATEST);
            return rows.isEmpty() ? new Settings(0, "{}") : new Settings(Long.parseLong(rows.get(0).get(0)), rows.get(0).get(1));
        }
    }

    /** The messages of every notice in {@code contents}' {@code notices}. */
    public static List<String> notices(String contents) {
        List<String> out = new ArrayList<>();
        try {
            for (JsonNode n : Jsonc.parse(contents).path("notices")) out.add(n.path("message").asText("") + " (" + n.path("location").asText("?") + ")");
        } catch (Jsonc.Malformed e) {
            out.add("(the global settings do not parse: " + e.getMessage() + ")");
        }
        return out;
    }

    public static boolean present(String contents, String message) {
        try {
            for (JsonNode n : Jsonc.parse(contents).path("notices")) if (n.equals(notice(message))) return true;
            return false;
        } catch (Jsonc.Malformed e) {
            return false;
        }
    }

    /** The notice added to the settings in use, as a new row; nothing is written when it is already there or {@code dryRun}. */
    public static Change add(Instance i, String message, boolean dryRun) {
        Settings was = read(i);
        if (present(was.contents(), message)) return new Change(was, was.contents(), 0, "the notice is already in the global settings");
        String next = edited(was, () -> JsoncEdit.appendToArray(was.contents(), "notices", notice(message)));
        return dryRun ? new Change(was, next, 0, "dry run") : new Change(was, next, write(i, was, next), null);
    }

    /** Exactly that notice taken out (the key too when it was the only one), as a new row; nothing written when it is not there. */
    public static Change remove(Instance i, String message, boolean dryRun) {
        Settings was = read(i);
        if (!present(was.contents(), message)) return new Change(was, was.contents(), 0, "the notice is not in the global settings");
        JsonNode ours = notice(message);
        String next = edited(was, () -> JsoncEdit.removeFromArray(was.contents(), "notices", ours::equals));
        return dryRun ? new Change(was, next, 0, "dry run") : new Change(was, next, write(i, was, next), null);
    }

    private interface Edit {
        String apply() throws Jsonc.Malformed;
    }

    private static String edited(Settings was, Edit edit) {
        try {
            return edit.apply();
        } catch (Jsonc.Malformed e) {
            throw Problem.of(Problem.Kind.PRECONDITION, "notice.malformed", was.id(), e.getMessage());
        }
    }

    /** A new global settings row, only if the row in use is still the one read (nobody saved the settings meanwhile). */
    private static long write(Instance i, Settings was, String next) {
        String id = new Postgres(i.container(), i.user()).query(i.host(), i.database(), "insert into settings (contents) select " + Postgres.literal(next)
                + " where coalesce((select max(id) from settings where org_id is null and user_id is null), 0) = " + was.id() + " returning id").strip();
        if (id.isEmpty()) throw Problem.of(Problem.Kind.PRECONDITION, "notice.changedMeanwhile", i.shown());
        return Long.parseLong(id.lines().findFirst().orElse("0").strip());
    }
}
