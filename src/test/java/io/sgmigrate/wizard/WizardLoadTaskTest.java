package io.sgmigrate.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.support.CustomerPayloads;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The load task headless, up to the new host: real payload files (Commons Compress, real gpg) read by the verdict page. */
@ExtendWith(ApplicationExtension.class)
class WizardLoadTaskTest {
    static final List<String> PAGES = List.of("What do you want to do?", "The customer's payload", "What the payload holds", "New host",
            "Pre-flight checks", "The plan", "Load", "Verify", "Report");
    @TempDir
    Path dir;
    private Path tgz;
    private Path encrypted;
    private Path gnupg;
    private byte[] frontend;

    @Start
    void start(Stage stage) {
        new WizardApp(io.sgmigrate.support.TestPrefs.fresh()).start(stage);
    }

    @BeforeEach
    void files() throws Exception {
        byte[] frontend;
        try (InputStream in = getClass().getResourceAsStream("/io/sgmigrate/engine/dump/pg_dump-create-clean.sql")) {
            frontend = in.readAllBytes();
        }
        this.frontend = frontend;
        tgz = tarGz("customer.tar.gz", java.util.Map.of("src-snapshot/pgsql.sql", frontend));
        gnupg = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(gnupg, PosixFilePermissions.fromString("rwx------"));
        encrypted = dir.resolve("customer.tar.gz.gpg");
        CustomerPayloads.exec(List.of("gpg", "--homedir", gnupg.toString(), "--batch", "--pinentry-mode", "loopback", "--passphrase", "the passphrase",
                "--symmetric", "--output", encrypted.toString(), tgz.toString()), null);
    }

    private Path tarGz(String name, java.util.Map<String, byte[]> entries) throws Exception {
        return io.sgmigrate.support.TarGz.write(dir.resolve(name), new java.util.TreeMap<>(entries));
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static List<Label> rail(FxRobot robot) {
        return robot.lookup("#wizard-rail").queryAs(VBox.class).getChildren().stream().map(Label.class::cast).toList();
    }

    /** The start page's load task, then the payload page with {@code payload} and how it opens. */
    private static void toThePayloadPage(FxRobot robot, Path payload, String opening) {
        robot.clickOn("#task-load");
        robot.clickOn("#nav-next");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> robot.lookup("#field-payload").queryTextInputControl().setText(payload.toString()));
        robot.clickOn("#opening-" + opening);
    }

    /** Waits for the dialog asking for a secret key's passphrase. */
    private static javafx.scene.control.DialogPane awaitSecretDialog(FxRobot robot) throws Exception {
        io.sgmigrate.support.Fx.waitUntil(30, () -> robot.lookup("#secret-field").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
    }

    private static void answer(javafx.scene.control.DialogPane dialog, FxRobot robot, String secret) {
        robot.interact(() -> robot.lookup("#secret-field").queryTextInputControl().setText(secret));
        robot.interact(() -> ((Button) dialog.lookupButton(javafx.scene.control.ButtonType.OK)).fire());
    }

    /** Waits for the verdict page to finish reading: its verdict, or a problem. */
    private static void awaitVerdict(FxRobot robot) throws Exception {
        io.sgmigrate.support.Fx.waitUntil(30, () -> robot.lookup("#verdict-passed").tryQuery().isPresent()
                || robot.lookup("#problem-what").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aPlainArchiveIsReadVerdictFirstAndLoudlyNotEncryptedThenTheNewHostAlone(FxRobot robot) throws Exception {
        toThePayloadPage(robot, tgz, "none");
        assertEquals("The customer's payload", text(robot, "#wizard-title"));
        assertEquals("Step 2 of 9", text(robot, "#wizard-step"));
        assertEquals(PAGES, rail(robot).stream().map(Label::getText).toList(), "the rail follows the load task");
        assertEquals("The customer's payload, current step", rail(robot).get(1).getAccessibleText());
        Button next = robot.lookup("#nav-next").queryButton();
        assertFalse(next.isDisabled());

        robot.interact(() -> robot.lookup("#field-external-url").queryTextInputControl().setText("https://sourcegraph.example.com/search"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(next.isDisabled(), "a URL with a path is no root URL");
        assertTrue(text(robot, "#external-url-problem").contains("is not a root URL"), text(robot, "#external-url-problem"));
        robot.interact(() -> robot.lookup("#field-external-url").queryTextInputControl().setText("https://sourcegraph.new.example.com"));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#external-url-problem").queryAs(Label.class).isVisible());

        robot.clickOn("#field-payload");
        robot.type(KeyCode.ENTER);   // Enter is Next
        awaitVerdict(robot);
        assertEquals("What the payload holds", text(robot, "#wizard-title"));
        assertEquals("Every check passed.", text(robot, "#verdict-passed"));
        assertEquals("Signature: UNSIGNED: nothing proves who made this file", text(robot, "#verdict-signature"));
        assertTrue(text(robot, "#verdict-kind").startsWith("Kind: tar.gz") && text(robot, "#verdict-kind").endsWith(", NOT ENCRYPTED"), text(robot, "#verdict-kind"));
        assertTrue(robot.lookup("#verdict-kind").queryAs(Label.class).getStyleClass().contains("danger"));
        assertTrue(text(robot, "#verdict-warning-0").startsWith("WARNING: the file is NOT ENCRYPTED"), text(robot, "#verdict-warning-0"));
        assertTrue(robot.lookup("#verdict-warning-0").queryAs(Label.class).getStyleClass().containsAll(List.of("danger", "text-bold")));
        assertEquals("Layout: src snapshot databases (src-snapshot/pgsql.sql)", text(robot, "#verdict-layout"));
        assertEquals("Data: Sourcegraph 5.0.5", text(robot, "#verdict-version"));
        assertTrue(text(robot, "#verdict-external-url").endsWith("(set to https://sourcegraph.new.example.com by the load)"), text(robot, "#verdict-external-url"));
        String contents = robot.lookup("#verdict-contents").queryTextInputControl().getText();
        assertTrue(contents.contains("src-snapshot/pgsql.sql") && contents.contains("Dump src-snapshot/pgsql.sql: frontend database"), contents);
        // The verdict comes first: pass/fail, then the signature, then what the file is.
        List<String> order = robot.lookup("#verdict-result").queryAs(VBox.class).getChildren().stream().map(javafx.scene.Node::getId).toList();
        assertEquals(List.of("verdict-passed", "verdict-signature", "verdict-kind", "verdict-warnings"), order.subList(0, 4));
        assertEquals("done,done,current,to-come", String.join(",", rail(robot).subList(0, 4).stream()
                .map(l -> l.getStyleClass().stream().filter(c -> c.startsWith("rail-") && !c.equals("rail-item")).findFirst().orElseThrow().substring(5)).toList()));
        assertFalse(next.isDisabled(), "passed: Next");

        robot.clickOn("#nav-next");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("New host", text(robot, "#wizard-title"));
        assertTrue(robot.lookup("#page-target").tryQuery().isPresent());
        assertTrue(robot.lookup("#field-target").tryQuery().isPresent() && robot.lookup("#test-target").tryQuery().isPresent());
        assertFalse(robot.lookup("#field-source").tryQuery().isPresent(), "a load has no old host");
        assertFalse(robot.lookup("#test-source").tryQuery().isPresent());
        assertFalse(robot.lookup("#field-container").tryQuery().isPresent(), "nor the old host's container");
        assertTrue(next.isDisabled(), "the new host is not tested yet");
        assertEquals("New host, current step", rail(robot).get(3).getAccessibleText());
    }

    @Test
    void aLargePayloadsReadingSaysHowFarItGotOfTheWholeFile(FxRobot robot) throws Exception {
        // Some 200 MB of rows, so that the reading lasts long enough to be seen under way.
        StringBuilder sql = new StringBuilder(new String(frontend, java.nio.charset.StandardCharsets.UTF_8));
        sql.append("CREATE TABLE public.filler (n integer, t text);\nCOPY public.filler (n, t) FROM stdin;\n");
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 2_500_000; i++) sql.append(i).append('\t').append(Long.toHexString(random.nextLong())).append(Long.toHexString(random.nextLong())).append("-row\n");
        sql.append("\\.\n");
        Path big = tarGz("big.tar.gz", java.util.Map.of("src-snapshot/pgsql.sql", sql.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        String whole = io.sgmigrate.engine.progress.Units.bytes(Files.size(big));
        toThePayloadPage(robot, big, "none");
        robot.clickOn("#nav-next");
        io.sgmigrate.support.Fx.waitUntil(30, () -> text(robot, "#verdict-status").contains(" of " + whole)
                || robot.lookup("#verdict-passed").tryQuery().isPresent());
        String during = io.sgmigrate.support.Fx.onFx(() -> text(robot, "#verdict-status"));
        assertTrue(during.startsWith("Reading all of the payload") && during.contains(" of " + whole), "the reading's progress, of the file's size: " + during);
        awaitVerdict(robot);
        assertEquals("Every check passed.", text(robot, "#verdict-passed"));
    }

    @Test
    void aWrongPassphraseIsAClearErrorOnThePageAndTheRightOneOpensIt(FxRobot robot) throws Exception {
        toThePayloadPage(robot, encrypted, "passphrase");
        Button next = robot.lookup("#nav-next").queryButton();
        assertTrue(next.isDisabled(), "no passphrase yet");
        robot.interact(() -> robot.lookup("#field-passphrase").queryTextInputControl().setText("not the passphrase"));
        assertFalse(next.isDisabled());
        robot.clickOn("#nav-next");
        awaitVerdict(robot);
        String what = text(robot, "#problem-what");
        assertTrue(what.startsWith("The passphrase does not open "), what);
        assertFalse(what.contains("Exception") || text(robot, "#problem-next").contains("Exception"), "no stack trace: " + what);
        assertEquals("The payload could not be read.", text(robot, "#verdict-status"));
        assertTrue(next.isDisabled(), "nothing read, no Next");

        robot.clickOn("#nav-back");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", robot.lookup("#field-passphrase").queryTextInputControl().getText(), "the field's text went with the page");
        assertTrue(robot.lookup("#passphrase-kept").queryAs(Label.class).isVisible(), "the passphrase is kept, as a Secret");
        robot.interact(() -> robot.lookup("#field-passphrase").queryTextInputControl().setText("the passphrase"));
        robot.clickOn("#nav-next");
        awaitVerdict(robot);
        assertEquals("Every check passed.", text(robot, "#verdict-passed"));
        assertTrue(text(robot, "#verdict-kind").contains("encrypted to a passphrase"), text(robot, "#verdict-kind"));
        assertFalse(robot.lookup("#verdict-warnings").queryAs(VBox.class).getChildren().stream()
                .anyMatch(n -> ((Label) n).getText().contains("NOT ENCRYPTED")), "encrypted: no such warning");
        assertEquals("Data: Sourcegraph 5.0.5", text(robot, "#verdict-version"));
        assertFalse(next.isDisabled());
    }

    @Test
    void aFailedVerdictKeepsNextDisabled(FxRobot robot) throws Exception {
        // A seed whose site configuration is no JSON: read, and refused.
        Path junk = tarGz("seed.tar.gz", java.util.Map.of("pgsql_dump.sql", frontend, "site-config.json", "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        toThePayloadPage(robot, junk, "none");
        robot.clickOn("#nav-next");
        awaitVerdict(robot);
        assertTrue(text(robot, "#verdict-passed").startsWith("Refused: "), text(robot, "#verdict-passed"));
        assertTrue(robot.lookup("#verdict-passed").queryAs(Label.class).getStyleClass().contains("danger"));
        assertTrue(robot.lookup("#nav-next").queryButton().isDisabled(), "a failed verdict never goes on");
    }

    @Test
    void aProtectedSecretKeysPassphraseIsAskedInADialog(FxRobot robot) throws Exception {
        CustomerPayloads make = new CustomerPayloads(null, null, dir.resolve("keys"));
        String fpr = make.newKey("Support <support@example.com>", "key pass");
        Path secret = make.exportSecret(fpr, "key pass", dir.resolve("support.asc"));
        Path payload = make.encryptTo(tgz, dir.resolve("customer.tar.gz.asc"), fpr, true, null, null);
        toThePayloadPage(robot, payload, "secret-key");
        robot.interact(() -> robot.lookup("#field-secret-key").queryTextInputControl().setText(secret.toString()));
        robot.clickOn("#nav-next");
        answer(awaitSecretDialog(robot), robot, "key pass");
        awaitVerdict(robot);
        assertEquals("Every check passed.", text(robot, "#verdict-passed"));
        assertTrue(text(robot, "#verdict-kind").contains("encrypted to key "), text(robot, "#verdict-kind"));
        assertFalse(robot.lookup("#nav-next").queryButton().isDisabled());
    }

    @Test
    void theKeyringOpensItWithItsKeysPassphraseAskedInADialog(FxRobot robot) throws Exception {
        CustomerPayloads make = new CustomerPayloads(null, null, dir.resolve("keys"));
        Path keyring = dir.resolve("keys/gnupg");
        String fpr = make.newKey("Support <support@example.com>", "key pass");
        Path payload = make.encryptTo(tgz, dir.resolve("customer.tar.gz.asc"), fpr, true, null, null);
        CustomerPayloads.exec(List.of("gpgconf", "--homedir", keyring.toString(), "--kill", "gpg-agent"), null);   // nothing cached
        try {
            toThePayloadPage(robot, payload, "gnupg");
            robot.interact(() -> robot.lookup("#field-gnupg-home").queryTextInputControl().setText(keyring.toString()));
            robot.clickOn("#nav-next");
            javafx.scene.control.DialogPane asked = awaitSecretDialog(robot);
            assertTrue(asked.getHeaderText().contains(keyring.toString()), "the dialog says which keyring's key it asks for: " + asked.getHeaderText());
            answer(asked, robot, "key pass");
            awaitVerdict(robot);
            assertEquals("Every check passed.", text(robot, "#verdict-passed"));
            assertTrue(text(robot, "#verdict-kind").contains("encrypted to key "), text(robot, "#verdict-kind"));
        } finally {
            CustomerPayloads.exec(List.of("gpgconf", "--homedir", keyring.toString(), "--kill", "gpg-agent"), null);
        }
    }

    @Test
    void everyMnemonicOnThePayloadPageIsItsOwnNoChoiceIsCutShortAndAltITakesToTheKeyringFolder(FxRobot robot) throws Exception {
        toThePayloadPage(robot, tgz, "gnupg");
        WaitForAsyncUtils.waitForFxEvents();
        List<String> keys = robot.lookup("#page-payload").query().lookupAll("*").stream()
                .filter(javafx.scene.control.Labeled.class::isInstance).map(javafx.scene.control.Labeled.class::cast).filter(l -> l.isMnemonicParsing() && l.isVisible() && l.getText().contains("_"))
                .map(l -> l.getText().substring(l.getText().indexOf('_') + 1, l.getText().indexOf('_') + 2).toLowerCase(java.util.Locale.ROOT)).toList();
        assertTrue(keys.size() >= 6, keys.toString());
        assertEquals(keys.size(), new java.util.HashSet<>(keys).size(), "one control per Alt+letter: " + keys);
        io.sgmigrate.support.Fx.assertMnemonicsUnique(robot.lookup("#page-payload").query().getScene());
        for (String o : List.of("secret-key", "gnupg", "passphrase", "none")) {
            RadioButton r = robot.lookup("#opening-" + o).queryAs(RadioButton.class);
            assertTrue(r.getWidth() >= r.prefWidth(-1) - 0.5, o + " is shown whole, not cut short: " + r.getWidth() + " < " + r.prefWidth(-1));
        }
        robot.push(KeyCode.ALT, KeyCode.I);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("field-gnupg-home", robot.lookup("#page-payload").query().getScene().getFocusOwner().getId());
    }
}
