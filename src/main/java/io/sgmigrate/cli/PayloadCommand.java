package io.sgmigrate.cli;

import picocli.CommandLine.Command;

@Command(name = "payload", mixinStandardHelpOptions = true,
        description = {"Create, open, check and load a payload: sgmigrate's own, or a customer's encrypted archive of SQL dumps",
                "(src snapshot databases, the managed-instance seed layout, a pg_dumpall). Nothing plain is ever written,",
                "except by unpack."},
        subcommands = {PayloadInspectCommand.class, PayloadUnpackCommand.class, PayloadLoadCommand.class, PayloadCreateCommand.class})
final class PayloadCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
