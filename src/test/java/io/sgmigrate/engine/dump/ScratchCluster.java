package io.sgmigrate.engine.dump;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL cluster under /tmp whose only role is the superuser {@code sg}, as in a Sourcegraph
 * frontend container: run as the OS user postgres when the tests run as root, on a free port and a private
 * socket folder. Without the binaries the tests are skipped, or fail with {@code SGMIGRATE_LAB_REQUIRED=1}.
 */
final class ScratchCluster implements AutoCloseable {
    record Result(int exitCode, String stderr) {}

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean root;

    private ScratchCluster(Path bin, Path dir, int port, boolean root) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.root = root;
    }

    static ScratchCluster start() throws Exception {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "sgm-dump-pg");
        if (root) Files.setOwner(dir, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ScratchCluster c = new ScratchCluster(bin, dir, port, root);
        c.server("initdb", "-D", dir.resolve("data").toString(), "-U", "sg", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync");
        c.server("pg_ctl", "-D", dir.resolve("data").toString(), "-w", "-t", "60", "-l", dir.resolve("log").toString(), "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off", "start");
        return c;
    }

    private static Path binaries() throws IOException {
        String env = System.getenv("SGMIGRATE_PGBIN");
        List<Path> candidates = new ArrayList<>();
        if (env != null) candidates.add(Path.of(env));
        Path lib = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> versions = Files.list(lib)) {
                versions.map(v -> v.resolve("bin")).sorted(Comparator.reverseOrder()).forEach(candidates::add);
            }
        }
        for (Path p : candidates) {
            if (Files.isExecutable(p.resolve("initdb")) && Files.isExecutable(p.resolve("psql"))) return p;
        }
        String why = "PostgreSQL server binaries are not installed (apt-get install postgresql-15, or set SGMIGRATE_PGBIN)";
        if ("1".equals(System.getenv("SGMIGRATE_LAB_REQUIRED"))) Assertions.fail(why);
        Assumptions.abort(why);
        return null;
    }

    /** initdb and pg_ctl refuse root: they run as postgres then. */
    private void server(String tool, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (root) cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        cmd.add(bin.resolve(tool).toString());
        cmd.addAll(List.of(args));
        Result r = run(cmd, null);
        if (r.exitCode() != 0) throw new IllegalStateException(tool + " failed (" + r.exitCode() + "): " + r.stderr());
    }

    /** psql as {@code user} on {@code database} with ON_ERROR_STOP=1, reading the script {@code feed} writes. */
    Result psql(String user, String database, Feed feed, String... more) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(bin.resolve("psql").toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "-h", dir.toString(), "-p", String.valueOf(port), "-U", user, "-d", database));
        cmd.addAll(List.of(more));
        return run(cmd, feed);
    }

    void sql(String database, String... statements) throws Exception {
        List<String> args = new ArrayList<>();
        for (String s : statements) {
            args.add("-c");
            args.add(s);
        }
        Result r = psql("sg", database, null, args.toArray(String[]::new));
        if (r.exitCode() != 0) throw new IllegalStateException("psql failed: " + r.stderr());
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=sg");
    }

    interface Feed {
        void into(OutputStream stdin) throws IOException;
    }

    private static Result run(List<String> cmd, Feed feed) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        if (feed == null) pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        if (feed != null) {
            try (OutputStream in = p.getOutputStream()) {
                feed.into(in);
            } catch (IOException e) {
                // psql stopped reading (ON_ERROR_STOP): its exit code and stderr say why
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(cmd.get(0) + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), err.get());
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            server("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
