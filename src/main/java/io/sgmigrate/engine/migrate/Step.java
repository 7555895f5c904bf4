package io.sgmigrate.engine.migrate;

/** The steps of a migration; ids are what the journal records. Which run, in what order: {@link #order}, {@link #loadOrder}. */
public enum Step {
    CONNECT("connect", "Connect to both hosts", false),
    PREFLIGHT("preflight", "Pre-flight checks", false),
    TRANSFER("transfer", "Dump, encrypt and move the databases", false),
    CHECK_PAYLOAD("check-payload", "Check the staged payload (decrypt, every checksum)", false),
    CONFIRM("confirm", "Confirm replacing the new host's databases", false),
    STOP_TARGET("stop-target", "Stop the new deployment's application services (databases and volumes stay)", true),
    START_DATABASES("start-databases", "Start the database services", true),
    RESTORE("restore", "Restore into scratch databases", true),
    CONFIGURE("configure", "Set the restored site configuration (externalURL)", true),
    SWAP("swap", "Put the restored databases in place of sg", true),
    START_DEPLOYMENT("start-deployment", "Start the full deployment", true),
    VERIFY("verify", "Verify row counts", false),
    CLEANUP("cleanup", "Remove the staged payload", false),
    CONNECT_SOURCE("connect-source", "Connect to the instance's host", false),
    NOTICE("notice", "Add the migration notice to the instance's global settings", false),
    WRITE_PAYLOAD("write-payload", "Dump, encrypt and write the payload file", false),
    CHECK_FILE("check-file", "Read the written file back (decrypt, every checksum)", false);

    private final String id;
    private final String title;
    private final boolean changesTarget;

    Step(String id, String title, boolean changesTarget) {
        this.id = id;
        this.title = title;
        this.changesTarget = changesTarget;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /**
     * The order a run takes. No step removes a volume: the restore goes into scratch databases inside the running
     * database containers and replaces {@code sg} only once it succeeded. Onto a fresh new host (no data that
     * matters) the restore runs while the dump streams in, so its application services are stopped first; onto a
     * host that holds data, the payload is staged and fully checked before anything there is stopped.
     */
    public static java.util.List<Step> order(boolean restoreWhileStreaming) {
        return restoreWhileStreaming
                ? java.util.List.of(CONNECT, PREFLIGHT, CONFIRM, STOP_TARGET, START_DATABASES, TRANSFER, RESTORE, SWAP, START_DEPLOYMENT, VERIFY, CLEANUP)
                : java.util.List.of(CONNECT, PREFLIGHT, TRANSFER, CHECK_PAYLOAD, CONFIRM, STOP_TARGET, START_DATABASES, RESTORE, SWAP, START_DEPLOYMENT, VERIFY, CLEANUP);
    }

    /**
     * The order of a run from a payload file here: pre-flight reads and checks all of it, the restore reads it again
     * (every entry checked against the first reading) straight into the scratch databases; nothing is staged.
     */
    public static java.util.List<Step> loadOrder(boolean configure) {
        return configure
                ? java.util.List.of(CONNECT, PREFLIGHT, CONFIRM, STOP_TARGET, START_DATABASES, RESTORE, CONFIGURE, SWAP, START_DEPLOYMENT, VERIFY)
                : java.util.List.of(CONNECT, PREFLIGHT, CONFIRM, STOP_TARGET, START_DATABASES, RESTORE, SWAP, START_DEPLOYMENT, VERIFY);
    }

    /** The order of a payload create: the file here is the one thing written (and the notice, only when asked). */
    public static java.util.List<Step> createOrder(boolean notice) {
        return notice ? java.util.List.of(CONNECT_SOURCE, PREFLIGHT, NOTICE, WRITE_PAYLOAD, CHECK_FILE)
                : java.util.List.of(CONNECT_SOURCE, PREFLIGHT, WRITE_PAYLOAD, CHECK_FILE);
    }

    /** Whether the step changes the new host (the old host is never changed by any step). */
    public boolean changesTarget() {
        return changesTarget;
    }
}
