package io.sgmigrate.engine.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
