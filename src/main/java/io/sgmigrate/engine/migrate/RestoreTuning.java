package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.progress.Units;
import io.sgmigrate.engine.shell.RemoteCommand;
import io.sgmigrate.engine.ssh.ExecResult;
import io.sgmigrate.engine.ssh.SshConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Session settings of the psql that restores into a scratch database, sized in pre-flight to the new host: commits that do not
 * wait for their WAL flush (the restore's last statement waits for all of it, {@link ScratchRestore}), more memory for index builds, and parallel
 * workers for each index build, as many as the host's CPUs and the database container's {@code /dev/shm} allow. A parallel
 * worker's shared memory lives in {@code /dev/shm}, Docker's is 64 MiB unless the compose file sets {@code shm_size}, and a
 * server that cannot grow a segment there fails the statement ("could not resize shared memory segment").
 *
 * @param workers {@code max_parallel_maintenance_workers}, or -1 when a server may not know the setting (before PostgreSQL 11, or its
 *                version could not be read)
 */
public record RestoreTuning(int workers, long maintenanceMemory, long shm, int cpus) {
    static final long MIB = 1024 * 1024;
    /** /dev/shm kept per parallel worker, generous: a B-tree build's segment is far smaller; the leader keeps one share too. */
    static final long SHM_PER_WORKER = 16 * MIB;
    static final int MAX_WORKERS = 4;
    /** Docker's /dev/shm when a container sets none. */
    static final long DOCKER_DEFAULT_SHM = 64 * MIB;

    /** {@code cpus} and {@code memory} of the new host, {@code shm} of the smallest database container, {@code serverMajor} its PostgreSQL. */
    static RestoreTuning size(int cpus, long memory, long shm, int serverMajor) {
        int workers = serverMajor < 11 ? -1 : (int) Math.max(0, Math.min(Math.min(cpus - 1, MAX_WORKERS), shmWorkers(shm)));
        long mem = Math.max(64 * MIB, Math.min(1024 * MIB, memory / 16 / MIB * MIB));
        return new RestoreTuning(workers, mem, shm, cpus);
    }

    /** The workers {@code shm} has room for: one share each, and one for the leader. */
    private static long shmWorkers(long shm) {
        return shm / SHM_PER_WORKER - 1;
    }

    /** The value of {@code PGOPTIONS} for the restoring psql. */
    String pgOptions() {
        List<String> o = new ArrayList<>(List.of("-c synchronous_commit=off", "-c maintenance_work_mem=" + maintenanceMemory / MIB + "MB"));
        if (workers >= 0) o.add("-c max_parallel_maintenance_workers=" + workers);
        return String.join(" ", o);
    }

    /** Pre-flight's line. */
    String describe(String container) {
        String base = "psql restores with synchronous_commit off and maintenance_work_mem " + Units.bytes(maintenanceMemory);
        if (workers < 0) return base + "; parallel workers left to the server: one of its databases runs PostgreSQL before 11 or did not say which";
        String why = cpus + " CPU" + (cpus == 1 ? "" : "s") + ", " + Units.bytes(shm) + " /dev/shm in " + container;
        if (workers == 0 && shmWorkers(shm) < 1 && cpus > 1) {
            return base + "; no parallel workers for index builds: " + why + " is too little shared memory for them (set shm_size: 256m for "
                    + container + " in docker-compose.yaml to build indexes in parallel)";
        }
        return base + ", " + workers + " parallel worker" + (workers == 1 ? "" : "s") + " per index build (" + why + ")";
    }

    /** The container's /dev/shm as Docker sets it (bytes), or empty when it cannot be read (then Docker's default holds). */
    public static OptionalLong shmSize(SshConnection host, String container) {
        ExecResult r = host.run(RemoteCommand.of("docker", "inspect", "--format", "{{.HostConfig.ShmSize}}", container));
        return r.ok() ? parse(r.stdout()) : OptionalLong.empty();
    }

    /** The host's CPUs and memory, as Docker counts them: {@code [cpus, bytes]}, or null when docker info does not say. */
    public static long[] hostResources(SshConnection host) {
        ExecResult r = host.run(RemoteCommand.of("docker", "info", "--format", "{{.NCPU}} {{.MemTotal}}"));
        if (!r.ok()) return null;
        String[] f = r.stdout().strip().split("\\s+");
        if (f.length != 2) return null;
        OptionalLong cpus = parse(f[0]);
        OptionalLong mem = parse(f[1]);
        return cpus.isPresent() && mem.isPresent() && cpus.getAsLong() > 0 ? new long[] {cpus.getAsLong(), mem.getAsLong()} : null;
    }

    /** The major version of {@code show server_version}'s answer ("15.4 (Debian ...)", "9.6.24", "12.17"). */
    static int major(String serverVersion) {
        String v = serverVersion == null ? "" : serverVersion.strip().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) end++;
        return end == 0 ? 0 : Integer.parseInt(v.substring(0, Math.min(end, 4)));
    }

    private static OptionalLong parse(String s) {
        try {
            long n = Long.parseLong(s.strip());
            return n > 0 ? OptionalLong.of(n) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
