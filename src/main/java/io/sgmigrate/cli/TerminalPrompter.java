package io.sgmigrate.cli;

import io.sgmigrate.engine.prompt.HostKeyDecision;
import io.sgmigrate.engine.prompt.HostKeyQuestion;
import io.sgmigrate.engine.prompt.Prompter;
import io.sgmigrate.engine.prompt.SecretQuestion;
import io.sgmigrate.engine.secret.Secret;
import java.io.Console;
import java.util.concurrent.CompletableFuture;

/**
 * Answers the engine's questions on the terminal. Secrets are read without echo into a char array.
 * Without a terminal (a pipe, a cron job, CI) every question fails, so an unattended run trusts only
 * known_hosts and fingerprints given as flags, and never guesses.
 */
public class TerminalPrompter implements Prompter {
    private final Console console;

    public TerminalPrompter() {
        this(System.console());
    }

    TerminalPrompter(Console console) {
        this.console = console;
    }

    /** A prompter that never asks: for unattended runs and tests. */
    public static TerminalPrompter unattended() {
        return new TerminalPrompter(null);
    }

    public boolean interactive() {
        return console != null;
    }

    @Override
    public CompletableFuture<HostKeyDecision> unknownHostKey(HostKeyQuestion q) {
        if (console == null) return CompletableFuture.failedFuture(new IllegalStateException("no terminal to ask on"));
        q.otherKeysWarning().ifPresent(w -> console.printf("%s%n", w));
        console.printf("The host key of %s is not in known_hosts.%n  %s %s%n"
                + "Compare this fingerprint with the one the host's administrator sees"
                + " (ssh-keygen -lf /etc/ssh/ssh_host_%s_key.pub).%n",
                q.hostSpec(), q.keyType(), q.sha256Fingerprint(), shortType(q.keyType()));
        String answer = console.readLine("Trust it? [yes = this run / remember = add to known_hosts / no]: ");
        if (answer == null) return CompletableFuture.completedFuture(HostKeyDecision.REJECT);
        return CompletableFuture.completedFuture(switch (answer.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "yes" -> HostKeyDecision.ACCEPT_ONCE;
            case "remember" -> HostKeyDecision.ACCEPT_AND_REMEMBER;
            default -> HostKeyDecision.REJECT;
        });
    }

    @Override
    public CompletableFuture<Secret> secret(SecretQuestion q) {
        if (console == null) return CompletableFuture.failedFuture(new IllegalStateException("no terminal to ask on"));
        String label = q.kind() == SecretQuestion.Kind.KEY_PASSPHRASE
                ? "Passphrase for key " + q.subject() + ": "
                : "Password for " + q.subject() + ": ";
        char[] chars = console.readPassword("%s", label);
        return CompletableFuture.completedFuture(chars == null ? null : Secret.adopt(chars));
    }

    @Override
    public CompletableFuture<Boolean> typedConfirmation(String what, String expected) {
        if (console == null) return CompletableFuture.failedFuture(new IllegalStateException("no terminal to ask on"));
        console.printf("%s%nType %s to confirm: ", what, expected);
        String answer = console.readLine();
        return CompletableFuture.completedFuture(answer != null && answer.strip().equals(expected));
    }

    private static String shortType(String keyType) {
        if (keyType.contains("ed25519")) return "ed25519";
        if (keyType.startsWith("ecdsa")) return "ecdsa";
        return "rsa";
    }
}
