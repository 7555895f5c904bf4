package io.sgmigrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every problem the engine can raise has both sentences, and every wizard string used in code exists. */
class MessagesTest {
    private static final Pattern PROBLEM_KEY = Pattern.compile("Problem\\.of\\(\\s*Problem\\.Kind\\.[A-Z_]+,\\s*\"([a-zA-Z.]+)\"");
    private static final Pattern WIZARD_KEY = Pattern.compile("I18n\\.t\\(\\s*\"([a-zA-Z][a-zA-Z.]*[a-zA-Z])\"");

    @Test
    void everyProblemKeyHasWhatAndNext() throws IOException {
        ResourceBundle b = ResourceBundle.getBundle("io.sgmigrate.engine.messages");
        TreeSet<String> keys = scan(Path.of("src/main/java"), PROBLEM_KEY);
        assertTrue(keys.size() > 20, "the scan found the problem keys: " + keys);
        List<String> missing = new ArrayList<>();
        for (String k : keys) {
            if (!b.containsKey(k + ".what")) missing.add(k + ".what");
            if (!b.containsKey(k + ".next")) missing.add(k + ".next");
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void messagesFormatWithArgumentsAndPortsHaveNoGrouping() {
        Problem p = Problem.of(Problem.Kind.CONNECTION, "ssh.refused", "127.0.0.1", 2221);
        assertEquals("Nothing accepts SSH connections on 127.0.0.1 port 2221.", p.what());
        assertFalse(p.next().isEmpty());
        assertTrue(Problem.of(Problem.Kind.HOST_KEY, "ssh.hostKey.rejected", "h", "SHA256:x").next().contains("host's administrator"));
    }

    @Test
    void everyWizardKeyUsedInCodeExists() throws IOException {
        ResourceBundle b = ResourceBundle.getBundle("io.sgmigrate.wizard.wizard");
        TreeSet<String> keys = scan(Path.of("src/main/java/io/sgmigrate/wizard"), WIZARD_KEY);
        assertTrue(keys.size() > 10, "the scan found the wizard keys: " + keys);
        for (var task : io.sgmigrate.wizard.WizardModel.Task.values()) {
            keys.add("start.task." + task.name());
            keys.add("start.task." + task.name() + ".help");
        }
        List<String> missing = keys.stream().filter(k -> !b.containsKey(k)).toList();
        assertEquals(List.of(), missing);
    }

    private static TreeSet<String> scan(Path root, Pattern p) throws IOException {
        TreeSet<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                Matcher m = p.matcher(Files.readString(f));
                while (m.find()) keys.add(m.group(1));
            }
        }
        return keys;
    }
}
