package io.sgmigrate.engine.sql;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.secret.Secret;
import io.sgmigrate.engine.ssh.ExecResult;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.ssh.SshConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * PostgreSQL JDBC through an SSH tunnel to a server the remote host can reach (a compose database container,
 * an external Postgres). Read-only sessions in the simple query protocol, so every value arrives as the
 * server's own text, exactly what psql prints.
 */
public final class JdbcSql implements Sql {
    private final SshConnection.Forward forward;
    private final String where;
    private final String user;
    private final Secret password;
    private final Map<String, Connection> open = new HashMap<>();

    /** {@code password} is kept (and wiped on close) for the per-database connections. */
    public JdbcSql(SshConnection host, String dbHost, int dbPort, String user, Secret password) {
        this.forward = host.forward(dbHost, dbPort);
        this.where = dbHost + ":" + dbPort;
        this.user = user;
        this.password = password;
    }

    /** The address of a container as its Docker host sees it (first network), for a tunnel to its port. */
    public static String containerAddress(SshConnection host, String container) {
        ExecResult r = host.run(RemoteCommand.of("docker", "inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}", container));
        String ip = r.ok() ? r.stdout().strip().split("\\s+")[0] : "";
        if (ip.isEmpty()) throw Problem.of(Problem.Kind.PRECONDITION, "docker.address.unknown", container, host.address().display()).withDetail(r.stderr().strip());
        return ip;
    }

    private synchronized Connection connection(String database) {
        return open.computeIfAbsent(database, db -> {
            Properties p = new Properties();
            p.setProperty("user", user);
            p.setProperty("password", new String(password.chars()));   // the driver takes a String; it lives as long as the connection
            p.setProperty("preferQueryMode", "simple");
            p.setProperty("readOnly", "true");
            p.setProperty("ApplicationName", "sgmigrate");
            p.setProperty("connectTimeout", "20");
            try {
                Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + forward.localPort() + "/" + db, p);
                try (Statement st = c.createStatement()) {
                    for (String set : SESSION) st.execute(set);
                }
                return c;
            } catch (SQLException e) {
                throw Problem.of(Problem.Kind.CONNECTION, "postgres.jdbc.failed", where, db).withDetail(e.getMessage());
            }
        });
    }

    @Override
    public List<List<String>> rows(String database, String sql) {
        try (Statement st = connection(database).createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) row.add(rs.getString(i));
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw Problem.of(Problem.Kind.REMOTE_COMMAND, "postgres.query.failed", database, where, "JDBC").withDetail(e.getMessage());
        }
    }

    @Override
    public String describe() {
        return "JDBC through SSH to " + where;
    }

    @Override
    public synchronized void close() {
        for (Connection c : open.values()) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing: nothing left to tell
            }
        }
        open.clear();
        forward.close();
        password.close();
    }
}
