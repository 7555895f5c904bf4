package io.sgmigrate.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.ssh.SshOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.StringProperty;
import org.junit.jupiter.api.Test;

class WizardModelTest {
    static final Path JOURNAL = Path.of("/runs/20261201-120000-new-staging.json");
    static final Map<String, String> INPUTS = Map.of("source", "ssh://admin@old", "target", "ssh://admin@new-staging", "composeDir", "/srv/staging",
            "container", "sourcegraph", "stagingDir", "/var/tmp/sgm");

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

    @Test
    void changingAFieldThatDefinesTheRunWhileResumingDropsTheJournal() {
        Map<String, java.util.function.Function<WizardModel, StringProperty>> fields = Map.of("source", m -> m.sourceAddress, "target", m -> m.targetAddress,
                "composeDir", m -> m.composeDir, "container", m -> m.container, "stagingDir", m -> m.stagingDir);
        for (var e : fields.entrySet()) {
            var field = e.getValue();
            WizardModel m = new WizardModel();
            m.resume(JOURNAL, INPUTS);
            assertEquals(JOURNAL, m.journal.get());
            String recorded = field.apply(m).get();
            field.apply(m).set(recorded);
            assertEquals(JOURNAL, m.journal.get(), "the same value changes nothing");
            field.apply(m).set(recorded + "-prod");
            assertNull(m.journal.get(), "a resume never runs with another " + e.getKey());
            assertNull(m.resumeInputs.get(), e.getKey());
        }
    }

    @Test
    void choosingAnotherTaskOrTheRehearsalEndsTheResume() {
        WizardModel m = new WizardModel();
        m.resume(JOURNAL, INPUTS);
        m.task.set(WizardModel.Task.VERIFY);
        assertNull(m.journal.get());
        m.task.set(WizardModel.Task.MIGRATE);
        assertNull(m.journal.get(), "coming back to Migrate is a new run unless Resume is chosen again");
    }

    @Test
    void rememberedFieldsArrivingLateNeitherFillNorDropAResume() {
        WizardModel m = new WizardModel();
        m.resume(JOURNAL, Map.of("source", "ssh://admin@old", "target", "ssh://admin@new-staging"));   // an old journal without composeDir
        new WizardPrefs(980, 680, false, "ssh://me@elsewhere", "ssh://me@prod", "/srv/prod", "", "", "KEY_FILE").applyTo(m);
        assertEquals(JOURNAL, m.journal.get());
        assertEquals("ssh://admin@new-staging", m.targetAddress.get());
        assertEquals("", m.composeDir.get(), "the journal's value (none), not the remembered one");
    }

    @Test
    void aResumeTakesTheRecordedFieldsAndAnOldJournalsMissingOnesAsEmpty() {
        WizardModel m = new WizardModel();
        m.container.set("typed-before");
        m.stagingDir.set("/typed/before");
        m.resume(JOURNAL, Map.of("source", "ssh://admin@old", "target", "ssh://admin@new-staging", "composeDir", "/srv/staging"));
        assertTrue(m.resuming.get());
        assertEquals("", m.container.get(), "not given then: the engine found it, and finds it again");
        assertEquals("", m.stagingDir.get());
        assertEquals(Map.of("source", "ssh://admin@old", "target", "ssh://admin@new-staging", "composeDir", "/srv/staging"), m.runInputs());
        assertEquals(List.of(), WizardModel.differences(Map.of("source", "ssh://admin@old", "target", "ssh://admin@new-staging", "composeDir", "/srv/staging"),
                m.runInputs()));
        m.stagingDir.set("/var/tmp/elsewhere");
        assertNull(m.journal.get(), "a staging dir the journal does not have is another run");
    }

    @Test
    void startingANewRunInsteadKeepsTheFieldsAndUnlocksThem() {
        WizardModel m = new WizardModel();
        m.resume(JOURNAL, INPUTS);
        m.stopResuming();
        assertNull(m.journal.get());
        assertFalse(m.resuming.get());
        assertEquals("ssh://admin@new-staging", m.targetAddress.get());
        m.targetAddress.set("ssh://admin@new-prod");
        assertEquals("ssh://admin@new-prod", m.targetAddress.get());
    }

    @Test
    void aRunStartedHereIsLockedToItsFieldsToo() {
        WizardModel m = new WizardModel();
        m.sourceAddress.set("ssh://admin@old");
        m.targetAddress.set("ssh://admin@new-staging");
        m.composeDir.set(" /srv/staging ");
        Path run = Path.of("/runs/new.json");
        m.runStarted(run);
        assertEquals(run, m.journal.get());
        assertEquals("/srv/staging", m.resumeInputs.get().get("composeDir"));
        m.targetAddress.set("ssh://admin@new-prod");   // back on the hosts page after a failure
        assertNull(m.journal.get(), "its Resume button no longer resumes it with another target");
    }

    @Test
    void anyDifferenceInTheRunDefiningInputsIsFound() {
        Map<String, String> recorded = Map.of("source", "s", "target", "t", "composeDir", "/c", "stagingDir", "/st", "compression", "zstd");
        assertEquals(List.of(), WizardModel.differences(recorded, Map.of("source", "s", "target", "t ", "composeDir", "/c", "stagingDir", "/st")));
        assertEquals(List.of("target", "composeDir"), WizardModel.differences(recorded, Map.of("source", "s", "target", "T", "composeDir", "/d", "stagingDir", "/st")));
        assertEquals(List.of("container", "stagingDir"), WizardModel.differences(recorded, Map.of("source", "s", "target", "t", "composeDir", "/c", "container", "x")));
    }

    @Test
    void openingAJournalToLookAtItLocksNothing() {
        WizardModel m = new WizardModel();
        m.task.set(WizardModel.Task.OPEN_JOURNAL);
        m.journal.set(JOURNAL);
        assertFalse(m.resuming.get());
        m.task.set(WizardModel.Task.MIGRATE);
        assertNull(m.journal.get(), "a journal opened to look at is not resumed by a migration");
    }

    @Test
    void aLoadsPassphraseIsASecretOfTheModelCopiedForEachUseAndWipedWhenTheTaskChanges() {
        WizardModel m = new WizardModel();
        m.task.set(WizardModel.Task.LOAD);
        m.payloadFile.set("/payloads/customer.tar.gz.gpg");
        m.opening.set(WizardModel.Opening.PASSPHRASE);
        assertFalse(m.payloadValid.get(), "no passphrase yet");
        io.sgmigrate.engine.secret.Secret first = io.sgmigrate.engine.secret.Secret.adopt("one".toCharArray());
        m.givePassphrase(first);
        assertTrue(m.payloadValid.get());
        var keys = m.payloadKeys(null);
        WizardModel.wipe(keys);
        assertTrue(keys.passphrase().orElseThrow().isWiped());
        assertFalse(first.isWiped(), "the engine gets a copy; the model's stays");
        io.sgmigrate.engine.secret.Secret second = io.sgmigrate.engine.secret.Secret.adopt("two".toCharArray());
        m.givePassphrase(second);
        assertTrue(first.isWiped(), "replaced, and wiped");
        m.externalUrl.set("https://sourcegraph.example.com/path");
        assertFalse(m.payloadValid.get(), "no root URL");
        assertFalse(m.externalUrlProblem.get().isEmpty());
        m.task.set(WizardModel.Task.MIGRATE);
        assertTrue(second.isWiped(), "another task: the load's passphrase is gone");
        assertNull(m.payloadPassphrase.get());
    }
}
