package io.sgmigrate.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}: show the technical detail of a failure and the engine's log on stderr. */
final class VerboseOption {
    @Option(names = {"-v", "--verbose"}, description = "Show technical details and the engine's log on stderr.")
    boolean on;

    void apply() {
        if (on) System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }
}
