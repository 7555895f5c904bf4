package io.sgmigrate.engine.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshConfigHostsTest {
    @Test
    void concreteHostNamesInOrderWithoutPatterns(@TempDir Path dir) throws Exception {
        Path c = dir.resolve("config");
        Files.writeString(c, "# mine\nHost *\n  ServerAliveInterval 30\nHost sg-old sg-new\n  User admin\nhost bastion  *.corp !x\n"
                + "  HostName 10.0.0.1\nHostName not-a-host\nMatch host foo\nHost sg-old\n");
        assertEquals(List.of("sg-old", "sg-new", "bastion"), SshConfigHosts.list(c));
        assertEquals(List.of(), SshConfigHosts.list(dir.resolve("missing")));
    }
}
