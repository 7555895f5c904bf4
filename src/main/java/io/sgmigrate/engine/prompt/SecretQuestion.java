package io.sgmigrate.engine.prompt;

/** A request for a secret: which kind, and for what (a key file or user@host), for the prompt's text. */
public record SecretQuestion(Kind kind, String subject) {
    public enum Kind { KEY_PASSPHRASE, LOGIN_PASSWORD }
}
