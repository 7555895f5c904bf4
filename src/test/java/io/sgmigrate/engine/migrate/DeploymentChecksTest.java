package io.sgmigrate.engine.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.docker.DockerCli;
import io.sgmigrate.engine.verify.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seed 002's look after the start: containers from real {@code docker ps} lines, critical lines in each log format Sourcegraph used. */
class DeploymentChecksTest {
    @Test
    void runningAndFinishedOneShotContainersPassAndARestartingOneFails() {
        String ps = String.join("\n",
                "{\"ID\":\"a1\",\"Names\":\"pgsql\",\"Image\":\"sourcegraph/postgres-12-alpine:5.0.5\",\"State\":\"running\",\"Status\":\"Up 2 minutes\",\"Labels\":\"\"}",
                "{\"ID\":\"b2\",\"Names\":\"migrator\",\"Image\":\"sourcegraph/migrator:5.0.5\",\"State\":\"exited\",\"Status\":\"Exited (0) 1 minute ago\",\"Labels\":\"\"}",
                "{\"ID\":\"c3\",\"Names\":\"sourcegraph-frontend-0\",\"Image\":\"sourcegraph/frontend:5.0.5\",\"State\":\"restarting\",\"Status\":\"Restarting (1) 5 seconds ago\",\"Labels\":\"\"}");
        List<Finding> f = DeploymentChecks.containers(DockerCli.parsePs(ps));
        assertEquals(List.of(Finding.Status.PASS, Finding.Status.PASS, Finding.Status.FAIL), f.stream().map(Finding::status).toList());
        assertTrue(f.get(1).what().contains("one-shot"), f.get(1).what());
        assertEquals("Restarting (1) 5 seconds ago", f.get(2).after());
        assertEquals(Finding.Status.FAIL, DeploymentChecks.containers(List.of()).get(0).status(), "no deployment at all");
    }

    @Test
    void criticalLinesOfEveryLogFormatAreShownAndOrdinaryErrorsAreNot() {
        String log = String.join("\n",
                "t=2026-12-02T17:09:10+0000 lvl=info msg=\"listening\"",
                "t=2026-12-02T17:09:11+0000 lvl=eror msg=\"a repo failed to clone\"",
                "t=2026-12-02T17:09:12+0000 lvl=crit msg=\"site configuration is invalid\"",
                "{\"SeverityText\":\"FATAL\",\"Body\":\"failed to connect to frontend database\"}",
                "panic: runtime error: invalid memory address");
        Finding f = DeploymentChecks.frontendLog(true, log, "2026-12-02T17:09:08Z");
        assertEquals(Finding.Status.WARN, f.status());
        assertEquals("3", f.after());
        assertTrue(f.what().contains("site configuration is invalid") && f.what().contains("failed to connect") && f.what().contains("panic: runtime"), f.what());
        assertTrue(!f.what().contains("failed to clone"), "an ordinary error is not critical");
        assertEquals(Finding.Status.PASS, DeploymentChecks.frontendLog(true, "lvl=info msg=ok\nlvl=eror msg=x", "t").status());
        assertEquals(Finding.Status.WARN, DeploymentChecks.frontendLog(false, "", "t").status(), "an unreadable log is said");
    }
}
