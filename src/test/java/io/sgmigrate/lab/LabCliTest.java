package io.sgmigrate.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.lab.LabEnvironment;
import io.sgmigrate.support.Lab;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The command line as a person runs it, in its own JVM, against the lab's old host. */
@Tag("lab")
class LabCliTest {
    @Test
    void probeTheOldHostFromTheCommandLine() throws Exception {
        LabEnvironment lab = Lab.require();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.sgmigrate.Main",
                "probe", "--host", lab.source(), "--identity", lab.identity().toString(),
                "--known-hosts", lab.knownHosts().toString(), "--no-agent"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        assertTrue(out.contains(lab.require("LAB_SOURCE_HOSTKEY_SHA256") + " (verified)"), out);
        assertTrue(out.contains("sourcegraph/server:" + lab.version()), out);
        assertEquals("", err.strip(), "nothing on stderr when all is well");
    }
}
