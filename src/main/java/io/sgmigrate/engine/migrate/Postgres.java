package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.docker.DockerCli;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.ssh.ExecResult;
import io.sgmigrate.engine.ssh.SshConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** PostgreSQL inside a container, reached with {@code docker exec -i CONTAINER psql}: always available, no network needed. */
public record Postgres(String container, String user) {

    /** Exact row count of every table, in one query (no estimates from statistics). */
    static final String ROW_COUNTS = """
            select table_schema || '.' || table_name,
                   (xpath('/row/c/text()', query_to_xml(format('select count(*) as c from %I.%I', table_schema, table_name), false, true, '')))[1]::text
            from information_schema.tables
            where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
            order by 1""";

    public RemoteCommand psql(String database, String sql) {
        return DockerCli.execCommand(container, List.of("psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                "-U", user, "-d", database, "-c", sql));
    }

    /**
     * psql reading a script from stdin; the first error stops it (ON_ERROR_STOP, not the misspelt ERROR_ON_STOP). The session starts
     * with {@code pgOptions} ({@code PGOPTIONS}: {@code -c name=value ...}) when not empty.
     */
    public RemoteCommand restore(String database, String pgOptions) {
        List<String> psql = List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-U", user, "-d", database);
        if (pgOptions.isEmpty()) return DockerCli.execCommand(container, psql);
        return DockerCli.execCommand(List.of("-e", "PGOPTIONS=" + pgOptions), container, psql);
    }

    /** A plain-SQL dump without owners and grants, so that it restores as the target's own user. */
    public RemoteCommand dump(String database) {
        return DockerCli.execCommand(container, List.of("pg_dump", "-U", user, "--no-owner", "--no-privileges", "--format=plain", database));
    }

    public RemoteCommand ready() {
        // Over TCP: while a fresh container initialises, a temporary server answers on the socket only.
        return DockerCli.execCommand(container, List.of("pg_isready", "-q", "-h", "127.0.0.1", "-U", user, "-d", "postgres"));
    }

    /** Whether PostgreSQL's message says its disk is full (ENOSPC, as the server words it, or its hint). */
    static boolean diskFull(String message) {
        return message.contains("No space left on device") || message.contains("Check free disk space");
    }

    public String query(SshConnection host, String database, String sql) {
        ExecResult r = host.run(psql(database, sql));
        if (!r.ok()) {
            String said = withServerLog(host, r.stderr().strip());
            throw Problem.of(Problem.Kind.REMOTE_COMMAND, diskFull(said) ? "postgres.query.diskFull" : "postgres.query.failed", database, container,
                    host.address().display()).withDetail(said);
        }
        return r.stdout().strip();
    }

    /**
     * PostgreSQL's message, and when it sends the reader to the server's log (a failed checkpoint says only that), the
     * log's last lines: a full disk, for one, is named only there.
     */
    String withServerLog(SshConnection host, String message) {
        if (!message.contains("server log") && !message.contains("server closed the connection")) return message;
        ExecResult log = new DockerCli(host).logs(container, "5m", 60);
        List<String> all = (log.stdout() + "\n" + log.stderr()).lines().filter(l -> !l.isBlank()).toList();
        // The server's own errors first (a full disk is a PANIC or an ERROR there), else its last lines.
        List<String> errors = all.stream().filter(l -> l.matches(".*\\b(PANIC|FATAL|ERROR):.*") || l.contains("No space left on device")).toList();
        List<String> shown = errors.isEmpty() ? all : errors;
        shown = shown.subList(Math.max(0, shown.size() - 6), shown.size());
        return shown.isEmpty() ? message : message + "\n" + container + "'s log, " + (errors.isEmpty() ? "last lines" : "its errors") + ":\n" + String.join("\n", shown);
    }

    public List<String> databases(SshConnection host) {
        return lines(query(host, "postgres", "select datname from pg_database where not datistemplate order by 1"));
    }

    public Map<String, Long> rowCounts(SshConnection host, String database) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : lines(query(host, database, ROW_COUNTS))) {
            int bar = line.lastIndexOf('|');
            out.put(line.substring(0, bar), Long.parseLong(line.substring(bar + 1)));
        }
        return out;
    }

    public long databaseSize(SshConnection host, String database) {
        return Long.parseLong(query(host, "postgres", "select pg_database_size(" + literal(database) + ")"));
    }

    public String serverVersion(SshConnection host) {
        return query(host, "postgres", "show server_version");
    }

    /** A SQL string literal: quotes doubled, so a name can never end the literal. */
    public static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** A SQL identifier: double quotes doubled. */
    public static String identifier(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        for (String l : s.split("\n")) if (!l.isBlank()) out.add(l.strip());
        return out;
    }
}
