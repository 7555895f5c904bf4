package io.sgmigrate.engine.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SshAddressTest {

    @Test
    void parsesTheUsualForms() {
        assertEquals(new SshAddress("sgold", "127.0.0.1", 2221), SshAddress.parse("ssh://sgold@127.0.0.1:2221"));
        assertEquals(new SshAddress("admin", "old.example.com", 0), SshAddress.parse("admin@old.example.com"));
        SshAddress bare = SshAddress.parse("old-host");
        assertNull(bare.user());
        assertEquals(22, bare.portOrDefault());
        assertEquals("::1", SshAddress.parse("ssh://u@[::1]:22").host());
        assertEquals("u@[::1]:22", SshAddress.parse("ssh://u@[::1]:22").display());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "ssh://host:0", "ssh://host:70000", "ssh://host:abc", "http://host", "ssh://"})
    void rejectsWhatIsNotAnAddress(String text) {
        Problem p = assertThrows(Problem.class, () -> SshAddress.parse(text));
        assertEquals(Problem.Kind.INPUT, p.kind());
    }

    @Test
    void aPasswordInTheAddressIsRefusedAndNotRepeated() {
        Problem p = assertThrows(Problem.class, () -> SshAddress.parse("ssh://root:hunter2@host"));
        assertFalse(p.oneLine().contains("hunter2"), p.oneLine());
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin:hunter2@old-host", "ssh://admin:hunter2@old-host", "  admin:hunter2@old-host:2222 ",
            "admin:hunter2@old-host:abc", "admin:hun@ter2@old-host", "admin:hunter2@old-host/x", "sftp://admin:hunter2@old-host",
            "admin:hunter2@old-host://x", "admin:hunter2@[::1", "admin:hunter2@"})
    void aPasswordIsMaskedInEveryForm(String text) {
        Problem p = assertThrows(Problem.class, () -> SshAddress.parse(text));
        assertEquals(Problem.Kind.INPUT, p.kind());
        String all = p.what() + " " + p.next() + " " + p.detail();
        assertFalse(all.contains("hunter2") || all.contains("ter2"), all);
        assertTrue(p.what().contains("admin:***@"), p.what());
    }

    @Test
    void maskingLeavesAddressesWithoutAPasswordAlone() {
        assertEquals("admin@old-host:22", SshAddress.masked("admin@old-host:22"));
        assertEquals("u@[::1]:22", SshAddress.masked("u@[::1]:22"));
        assertEquals("ssh://host:x", SshAddress.masked("ssh://host:x"));
    }
}
