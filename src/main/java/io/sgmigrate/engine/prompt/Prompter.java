package io.sgmigrate.engine.prompt;

import io.sgmigrate.engine.secret.Secret;
import java.util.concurrent.CompletableFuture;

/**
 * Questions a job asks in its middle. Each answer is a future that the front (wizard dialog, terminal,
 * command-line flag) completes; the job's worker thread waits on it. A front that cannot answer completes
 * the future exceptionally with a {@link io.sgmigrate.engine.Problem}, for example when a run is unattended.
 */
public interface Prompter {

    /** An unknown host key: trust it for this connection? */
    CompletableFuture<HostKeyDecision> unknownHostKey(HostKeyQuestion question);

    /** A passphrase for a private key, or a password for a login. Empty optional-like result: cancelled. */
    CompletableFuture<Secret> secret(SecretQuestion question);

    /** A destructive step: the answer must be typed exactly as {@code expected} (e.g. the target host name). */
    CompletableFuture<Boolean> typedConfirmation(String what, String expected);
}
