package io.sgmigrate.engine.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerCliTest {
    // Shaped like `docker ps --all --no-trunc --format '{{json .}}'` prints (Docker 20.10+).
    private static final String PS = """
            {"Command":"\\"/sbin/tini -- /usr/local/bin/server\\"","ID":"4f1c2a","Image":"sourcegraph/server:3.13.1","Labels":"a=b,com.docker.compose.service=","Names":"sourcegraph","State":"running","Status":"Up 3 hours"}

            {"ID":"9e0b","Image":"index.docker.io/sourcegraph/postgres-12-alpine:3.27.0@sha256:abc","Labels":"","Names":"pgsql,other","State":"exited","Status":"Exited (0) 2 days ago"}
            """;

    @Test
    void parsesEachLineIntoAContainer() {
        List<Container> cs = DockerCli.parsePs(PS);
        assertEquals(2, cs.size());
        Container sg = cs.get(0);
        assertEquals("sourcegraph", sg.name());
        assertEquals("sourcegraph/server", sg.imageRepository());
        assertEquals("3.13.1", sg.imageTag());
        assertTrue(sg.running());
        assertEquals("b", sg.labels().get("a"));
        Container pg = cs.get(1);
        assertEquals("pgsql", pg.name());
        assertFalse(pg.running());
    }

    @Test
    void imageTagOfRegistryWithPort() {
        Container c = new Container("1", "n", "registry:5000/sourcegraph/server", "running", "Up", java.util.Map.of());
        assertEquals("", c.imageTag());
        assertEquals("registry:5000/sourcegraph/server", c.imageRepository());
    }

    @Test
    void garbageIsAClearProblem() {
        Problem p = assertThrows(Problem.class, () -> DockerCli.parsePs("Got permission denied {"));
        assertEquals(Problem.Kind.REMOTE_COMMAND, p.kind());
        assertTrue(p.detail().contains("permission denied"));
    }

    @Test
    void execNeverAllocatesATerminal() {
        List<String> argv = DockerCli.execCommand("sourcegraph", List.of("psql", "-U", "postgres")).argv();
        assertEquals(List.of("docker", "exec", "-i", "sourcegraph", "psql", "-U", "postgres"), argv);
        assertFalse(argv.contains("-t") || argv.contains("-it"));
    }
}
