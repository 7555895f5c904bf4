package io.sgmigrate.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.ssh.SshOptions;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WizardModelTest {
    @Test
    void theLoginChoiceDecidesWhatTheEngineMayUse() {
        WizardModel m = new WizardModel();
        m.identityFile.set("/keys/id_ed25519");
        SshOptions key = m.sshOptions();
        assertEquals(Optional.of(Path.of("/keys/id_ed25519")), key.identity());
        assertFalse(key.useAgent());
        assertFalse(key.allowPassword());
        m.login.set(WizardModel.Login.AGENT);
        assertTrue(m.sshOptions().useAgent());
        assertEquals(Optional.empty(), m.sshOptions().identity(), "the agent's keys, not the file");
        m.login.set(WizardModel.Login.PASSWORD);
        assertTrue(m.sshOptions().allowPassword());
        assertFalse(m.sshOptions().useAgent());
    }
}
