package io.sgmigrate.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh, empty home folder for a GUI test (~/.sgmigrate, ~/.ssh read from it), and the real one put back after. */
public final class TempHome {
    private static final String REAL = System.getProperty("user.home");

    private TempHome() {}

    /** Creates an empty home folder and makes it {@code user.home}. */
    public static Path enter() throws IOException {
        Path home = Files.createTempDirectory("sgmigrate-home");
        System.setProperty("user.home", home.toString());
        return home;
    }

    /** Puts the real home folder back. */
    public static void leave() {
        System.setProperty("user.home", REAL);
    }
}
