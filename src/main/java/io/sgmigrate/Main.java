package io.sgmigrate;

import io.sgmigrate.cli.Cli;

/**
 * Entry point. With no arguments the wizard opens; with arguments the command line runs.
 * The wizard is loaded by name so that the command line never needs JavaFX (for example on a server).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            int code = Cli.openWizard();
            if (code != 0) System.exit(code);
            return;
        }
        System.exit(Cli.run(args));
    }
}
