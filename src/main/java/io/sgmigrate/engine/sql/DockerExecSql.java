package io.sgmigrate.engine.sql;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.docker.DockerCli;
import io.sgmigrate.engine.ssh.ExecResult;
import io.sgmigrate.engine.ssh.SshConnection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * psql inside the database's container through {@code docker exec -i}: always available, no network or
 * password needed. Fields and rows are separated by ASCII unit and record separators and NULL is a marker
 * no text value holds, so any value (newlines, pipes) comes back intact.
 */
public final class DockerExecSql implements Sql {
    private static final String FIELD = "\u001f";
    private static final String RECORD = "\u001e";
    private static final String NULL = "\u0002NULL\u0002";
    private final SshConnection host;
    private final String container;
    private final String user;

    public DockerExecSql(SshConnection host, String container, String user) {
        this.host = host;
        this.container = container;
        this.user = user;
    }

    @Override
    public List<List<String>> rows(String database, String sql) {
        List<String> argv = new ArrayList<>(List.of("psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                "-P", "null=" + NULL, "-F", FIELD, "-R", RECORD, "-U", user, "-d", database));
        for (String set : SESSION) argv.addAll(List.of("-c", set));
        argv.addAll(List.of("-c", sql));
        ExecResult r = host.run(DockerCli.execCommand(container, argv));
        if (!r.ok()) {
            throw Problem.of(Problem.Kind.REMOTE_COMMAND, "postgres.query.failed", database, container, host.address().display())
                    .withDetail(r.stderr().strip());
        }
        // No rows: no output at all. Otherwise records between separators, then one newline.
        String out = r.stdout();
        List<List<String>> rows = new ArrayList<>();
        if (out.isEmpty()) return rows;
        if (out.endsWith("\n")) out = out.substring(0, out.length() - 1);
        for (String record : out.split(RECORD, -1)) {
            List<String> row = new ArrayList<>(Arrays.asList(record.split(FIELD, -1)));
            row.replaceAll(v -> NULL.equals(v) ? null : v);
            rows.add(row);
        }
        return rows;
    }

    @Override
    public String describe() {
        return "docker exec " + container + " psql";
    }
}
