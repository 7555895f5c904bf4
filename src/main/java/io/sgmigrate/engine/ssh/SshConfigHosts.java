package io.sgmigrate.engine.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The concrete Host names of an OpenSSH client config (patterns with * ? ! are left out), for a "pick a host" list. */
public final class SshConfigHosts {
    private SshConfigHosts() {}

    public static List<String> list(Path config) {
        if (config == null || !Files.isReadable(config)) return List.of();
        Set<String> out = new LinkedHashSet<>();
        try {
            for (String raw : Files.readAllLines(config)) {
                String line = raw.strip();
                if (!line.regionMatches(true, 0, "Host", 0, 4) || line.length() < 5 || !Character.isWhitespace(line.charAt(4))) continue;
                for (String name : line.substring(5).strip().split("\\s+")) {
                    if (!name.isEmpty() && name.chars().noneMatch(c -> c == '*' || c == '?' || c == '!')) out.add(name);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return new ArrayList<>(out);
    }
}
