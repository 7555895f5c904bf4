package io.sgmigrate.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sgmigrate.engine.inspect.PayloadInspection;
import io.sgmigrate.engine.inspect.PayloadInspector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Reads all of a payload and says what it is and holds, signature first. Nothing is written anywhere.",
                "Exit 0 only when every check passes."})
final class PayloadInspectCommand implements Callable<Integer> {
    private final TerminalPrompter prompter;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The payload (.tar.gz.asc, .gpg, sgmigrate's .payload.gpg, or an unencrypted archive).")
    Path file;

    @Mixin
    KeyOptions keys;

    @Option(names = "--json", description = "Print the findings as JSON.")
    boolean json;

    @Mixin
    VerboseOption verbose;

    PayloadInspectCommand(TerminalPrompter prompter) {
        this.prompter = prompter;
    }

    @Override
    public Integer call() throws Exception {
        verbose.apply();
        PrintWriter out = spec.commandLine().getOut();
        try (KeyOptions held = keys) {
            PayloadInspection p = PayloadInspector.inspect(file, keys.keys(prompter), n -> {});
            if (json) {
                out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(p.data()));
            } else {
                out.print(Terminal.safe(p.text()));
            }
            out.flush();
            return p.passed() ? 0 : 14;
        }
    }
}
