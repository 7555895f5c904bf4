package io.sgmigrate.support;

import io.sgmigrate.engine.lab.LabEnvironment;
import io.sgmigrate.engine.ssh.SshAddress;
import io.sgmigrate.engine.ssh.SshOptions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Access to the running lab for tests tagged {@code lab}. Without a lab such a test is skipped, and says why;
 * with {@code SGMIGRATE_LAB_REQUIRED=1} (set by ./run-tests after lab/up) a missing lab is a failure instead.
 */
public final class Lab {
    private Lab() {}

    public static LabEnvironment require() {
        Optional<LabEnvironment> env = LabEnvironment.find();
        if (env.isEmpty()) {
            String why = "the lab is not up (no lab/.state/lab.env; run lab/up as root on Debian 12)";
            if ("1".equals(System.getenv("SGMIGRATE_LAB_REQUIRED"))) Assertions.fail(why);
            Assumptions.abort(why);
        }
        return env.get();
    }

    /** Options that log in to either lab host with the lab's key and trust only the lab's known_hosts. */
    public static SshOptions options(LabEnvironment lab) {
        return SshOptions.defaults().withIdentity(lab.identity()).withKnownHosts(lab.knownHosts())
                .withAgent(false).withPasswordAllowed(false).withSshConfig(null).withConnectTimeout(Duration.ofSeconds(10));
    }

    public static SshAddress source(LabEnvironment lab) {
        return SshAddress.parse(lab.source());
    }

    public static SshAddress target(LabEnvironment lab) {
        return SshAddress.parse(lab.target());
    }
}
