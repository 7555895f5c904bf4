package io.sgmigrate.cli;

import io.sgmigrate.engine.Problem;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import picocli.CommandLine;

/** Runs the command line: parses, executes, and turns every failure into one plain line and an exit code. */
public final class Cli {
    private Cli() {}

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), new TerminalPrompter(), args);
    }

    public static int run(PrintWriter out, PrintWriter err, TerminalPrompter prompter, String... args) {
        CommandLine cl = new CommandLine(new SgmigrateCommand(), new CommandFactory(prompter));
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            ErrorReport.print(e, cmd.getErr(), isVerbose(parsed));
            return ErrorReport.exitCode(e);
        });
        cl.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("sgmigrate: " + e.getMessage()
                    + " (see: sgmigrate " + e.getCommandLine().getCommandName().replace("sgmigrate", "").strip() + " --help)");
            return Problem.Kind.INPUT.exitCode();
        });
        return cl.execute(args);
    }

    private static boolean isVerbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) return true;
        }
        return false;
    }

    /** Opens the wizard, or explains in one line why it cannot (no display, JavaFX missing). */
    public static int openWizard() {
        try {
            Class.forName("io.sgmigrate.wizard.WizardLauncher").getMethod("launch").invoke(null);
            return 0;
        } catch (InvocationTargetException e) {
            ErrorReport.print(e.getCause(), new PrintWriter(System.err, true), false);
            return ErrorReport.exitCode(e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            System.err.println("sgmigrate: the wizard cannot start because JavaFX is not available (" + e + ")."
                    + " Use the command line instead: sgmigrate --help");
            return Problem.Kind.PRECONDITION.exitCode();
        }
    }
}
