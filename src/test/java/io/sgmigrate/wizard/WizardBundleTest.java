package io.sgmigrate.wizard;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every string the wizard shows comes from its bundle, and formats as written. */
class WizardBundleTest {
    @Test
    void messagesWithArgumentsDoubleTheirApostrophes() {
        for (String key : Collections.list(I18n.BUNDLE.getKeys())) {
            String s = I18n.BUNDLE.getString(key);
            if (!s.contains("{0}")) continue;
            assertFalse(Pattern.compile("(?<!')'(?!')").matcher(s).find(), key + ": a lone apostrophe vanishes in MessageFormat: " + s);
        }
    }

    @Test
    void everyKeyThePagesUseExists() throws Exception {
        Pattern use = Pattern.compile("I18n\\.t\\(\"([a-zA-Z0-9.]+)\"[,)]");
        try (var files = Files.walk(Path.of("src/main/java/io/sgmigrate/wizard"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                var m = use.matcher(Files.readString(p));
                while (m.find()) assertTrue(I18n.BUNDLE.containsKey(m.group(1)), p + " uses a missing key " + m.group(1));
            }
        }
    }

    @Test
    void everyProblemTheWizardRaisesHasBothSentences() throws Exception {
        Pattern raise = Pattern.compile("new WizardProblem\\(\"([a-zA-Z0-9.]+)\"");
        int found = 0;
        try (var files = Files.walk(Path.of("src/main/java/io/sgmigrate/wizard"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                var m = raise.matcher(Files.readString(p));
                while (m.find()) {
                    found++;
                    for (String part : new String[] {".what", ".next"}) {
                        assertTrue(I18n.BUNDLE.containsKey(m.group(1) + part), p + " raises " + m.group(1) + " without " + part);
                    }
                }
            }
        }
        assertTrue(found > 0, "the pattern still finds the wizard's problems");
    }
}
