package io.sgmigrate.cli;

import io.sgmigrate.engine.inspect.PayloadUnpacker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "unpack", mixinStandardHelpOptions = true,
        description = {"Writes a payload's plain files into a new owner-only folder, for whoever must have them.",
                "The folder appears only once the whole payload proved whole (integrity, signature, every entry)."})
final class PayloadUnpackCommand implements Callable<Integer> {
    private final TerminalPrompter prompter;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The payload (.tar.gz.asc, .gpg, sgmigrate's .payload.gpg, or an unencrypted archive).")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "A folder that does not exist yet (made 0700, its files 0600).")
    Path out;

    @Mixin
    KeyOptions keys;

    @Mixin
    VerboseOption verbose;

    PayloadUnpackCommand(TerminalPrompter prompter) {
        this.prompter = prompter;
    }

    @Override
    public Integer call() {
        verbose.apply();
        PrintWriter o = spec.commandLine().getOut();
        try (KeyOptions held = keys) {
            List<String> files = PayloadUnpacker.unpack(file, keys.keys(prompter), out, n -> {});
            for (String f : files) o.println(Terminal.safe(out.resolve(f).toString()));
            spec.commandLine().getErr().println("sgmigrate: WARNING: " + files.size() + " file(s) of the customer's data are now on this disk, unencrypted, in "
                    + Terminal.safe(out.toAbsolutePath().toString()) + " (owner-only). Delete the folder as soon as it is no longer needed.");
            o.flush();
            return 0;
        }
    }
}
