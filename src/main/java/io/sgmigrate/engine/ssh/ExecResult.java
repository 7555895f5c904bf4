package io.sgmigrate.engine.ssh;

import io.sgmigrate.engine.shell.RemoteCommand;

/** What a finished remote command left: its exit code and (bounded) output. */
public record ExecResult(RemoteCommand command, int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }
}
