package io.sgmigrate.engine.migrate;

import io.sgmigrate.engine.docker.Container;
import io.sgmigrate.engine.instance.FrontendLog;
import io.sgmigrate.engine.instance.LiveChecks;
import io.sgmigrate.engine.verify.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * What seed 002 has a person look at once the new deployment started, checked here: every container of the deployment
 * runs (a one-shot service such as the migrator finished cleanly), and the frontend's log since the start has no
 * critical line (the lines are shown when it has).
 */
final class DeploymentChecks {
    static final String FRONTEND = LiveChecks.FRONTEND;

    private DeploymentChecks() {}

    static List<Finding> containers(List<Container> deployment) {
        List<Finding> out = new ArrayList<>();
        if (deployment.isEmpty()) out.add(Finding.fail("containers", "deployment", "no container of the deployment exists", "running", "none"));
        for (Container c : deployment) {
            if (c.running()) out.add(Finding.pass("containers", c.name(), "running", "running", c.status()));
            else if (c.exitedCleanly()) out.add(Finding.pass("containers", c.name(), "a one-shot service that finished cleanly", "finished", c.status()));
            else out.add(Finding.fail("containers", c.name(), "not running", "running", c.status()));
        }
        return out;
    }

    /** The frontend's log since the start ({@code readable} false: it could not be read, said as a warning). */
    static Finding frontendLog(boolean readable, String log, String since) {
        if (!readable) return Finding.warn("frontend log", FRONTEND, "its log could not be read; look at it with docker logs " + FRONTEND, "", "unreadable");
        List<String> critical = FrontendLog.critical(log);
        if (critical.isEmpty()) return Finding.pass("frontend log", FRONTEND, "no critical line since " + since, "0", "0");
        return Finding.warn("frontend log", FRONTEND, critical.size() + " critical line(s) since " + since + ", the last: " + FrontendLog.lastShown(critical),
                "0", Integer.toString(critical.size()));
    }
}
