package io.sgmigrate.engine.journal;

import io.sgmigrate.engine.Problem;
import java.nio.file.Path;

/**
 * A second sgmigrate process for {@link JournalLockTest}: {@code hold JOURNAL} locks it, prints {@code locked} and
 * keeps it until its stdin closes; {@code write JOURNAL NAME N} records N steps, each under the lock.
 */
public final class JournalChild {
    private JournalChild() {}

    public static void main(String[] args) throws Exception {
        Path journal = Path.of(args[1]);
        switch (args[0]) {
            case "hold" -> {
                try (JournalLock lock = Journal.lock(journal)) {
                    System.out.println("locked " + lock.journal());
                    System.out.flush();
                    while (System.in.read() >= 0) {
                        // held until the parent closes our stdin
                    }
                } catch (Problem p) {
                    System.out.println("refused " + p.what());
                    System.exit(3);
                }
            }
            case "write" -> {
                int n = Integer.parseInt(args[3]);
                for (int i = 0; i < n; i++) JournalLockTest.recordUnderLock(journal, args[2] + "-" + i);
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.exit(0);
    }

    /** The command that runs this class in a new JVM with the tests' class path. */
    static ProcessBuilder process(String... args) {
        var cmd = new java.util.ArrayList<String>(java.util.List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), JournalChild.class.getName()));
        cmd.addAll(java.util.List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    }
}
