package io.sgmigrate.engine.prompt;

/** The answer to an unknown host key. */
public enum HostKeyDecision {
    /** Refuse: the connection stops. */
    REJECT,
    /** Trust for this run only. */
    ACCEPT_ONCE,
    /** Trust and add to the known_hosts file. */
    ACCEPT_AND_REMEMBER
}
