package io.sgmigrate.engine.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Messages;
import io.sgmigrate.engine.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands src snapshot databases prints, character for character, and what a targets file can and cannot do to them. */
class DumpCommandsTest {
    private static final String FLAGS = "--clean --format=plain --if-exists --no-acl --no-owner --quote-all-identifiers";
    @TempDir
    Path dir;

    private static List<String> lines(DumpCommands.Builder b, DumpCommands.Targets t, Optional<String> ns) {
        return DumpCommands.commands(b, t, ns).stream().map(DumpCommands.Line::command).toList();
    }

    @Test
    void thePresetsPrintWhatSrcSnapshotPrints() {
        assertEquals(List.of(
                "docker exec -i pgsql sh -c 'PGPASSWORD=sg pg_dump " + FLAGS + " --username=sg --dbname=sg' > src-snapshot/pgsql.sql",
                "docker exec -i codeintel-db sh -c 'PGPASSWORD=sg pg_dump " + FLAGS + " --username=sg --dbname=sg' > src-snapshot/codeintel.sql",
                "docker exec -i codeinsights-db sh -c 'PGPASSWORD=password pg_dump " + FLAGS + " --username=postgres --dbname=postgres' > src-snapshot/codeinsights.sql"),
                lines(DumpCommands.Builder.DOCKER, DumpCommands.srcPreset(DumpCommands.Builder.DOCKER), Optional.empty()));
        assertEquals("kubectl exec -i statefulset/codeintel-db -- bash -c 'PGPASSWORD=sg pg_dump " + FLAGS + " --username=sg --dbname=sg' > src-snapshot/codeintel.sql",
                lines(DumpCommands.Builder.KUBECTL, DumpCommands.srcPreset(DumpCommands.Builder.KUBECTL), Optional.empty()).get(1));
        assertEquals("PGPASSWORD=sg pg_dump " + FLAGS + " --username=sg --dbname=sg > src-snapshot/pgsql.sql",
                lines(DumpCommands.Builder.PG_DUMP, DumpCommands.srcPreset(DumpCommands.Builder.PG_DUMP), Optional.empty()).get(0));
    }

    @Test
    void kubernetesLayoutsTheK8sPresetDoesNotFitAndANamespace() {
        List<DumpCommands.Targets> layouts = DumpCommands.kubernetesLayouts();
        List<String> legacy = lines(DumpCommands.Builder.KUBECTL, layouts.get(0), Optional.of("ns-sourcegraph"));
        assertEquals("kubectl exec -i -n ns-sourcegraph deploy/pgsql -- bash -c 'pg_dump " + FLAGS + " --username=sg --dbname=sg' > src-snapshot/pgsql.sql", legacy.get(0));
        assertTrue(lines(DumpCommands.Builder.KUBECTL, layouts.get(1), Optional.empty()).get(0).contains("statefulset/pgsql -- bash -c 'PGPASSWORD=password pg_dump"));
    }

    @Test
    void aTargetsFileIsReadAndNothingInItReachesTheShellUnquoted() throws Exception {
        Path f = Files.writeString(dir.resolve("targets.yaml"), """
                # a customer's layout
                pgsql:
                  target: "pg; rm -rf /"
                  dbname: sg
                  username: sg
                  password: "it's $HOME"
                codeinsights:
                  target: localhost
                  dbname: postgres
                  username: postgres
                """);
        DumpCommands.Targets t = DumpCommands.read(f);
        List<String> docker = lines(DumpCommands.Builder.DOCKER, t, Optional.empty());
        assertEquals(2, docker.size(), "only the databases the file names");
        assertTrue(docker.get(0).startsWith("docker exec -i 'pg; rm -rf /' sh -c "), docker.get(0));
        // What sh -c is given is one word; inside it, the password is one word too.
        String inner = shWord(docker.get(0).substring("docker exec -i 'pg; rm -rf /' sh -c ".length(), docker.get(0).indexOf(" > src-snapshot/")));
        assertEquals("PGPASSWORD='it'\"'\"'s $HOME' pg_dump " + FLAGS + " --username=sg --dbname=sg", inner);
        assertEquals("pg_dump " + FLAGS + " --username=postgres --dbname=postgres --host=localhost > src-snapshot/codeinsights.sql",
                lines(DumpCommands.Builder.PG_DUMP, t, Optional.empty()).get(1));
    }

    /** A single-quoted shell word, unquoted as sh reads it (only the forms Shell.quote writes). */
    private static String shWord(String w) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < w.length()) {
            char c = w.charAt(i);
            if (c == '\'') {
                int end = w.indexOf('\'', i + 1);
                sb.append(w, i + 1, end);
                i = end + 1;
            } else if (c == '"') {
                int end = w.indexOf('"', i + 1);
                sb.append(w, i + 1, end);
                i = end + 1;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    @Test
    void aMalformedTargetsFileIsOneClearMessage() throws Exception {
        Path old = Files.writeString(dir.resolve("old.yaml"), "primary:\n  target: pgsql\n");
        Problem p = assertThrows(Problem.class, () -> DumpCommands.read(old));
        assertEquals(Messages.get("dumpCommands.targets.key.what", old, "primary"), p.what());
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "pgsql:\n  targte: pgsql\n");
        assertEquals(Messages.get("dumpCommands.targets.field.what", typo, "pgsql", "targte"), assertThrows(Problem.class, () -> DumpCommands.read(typo)).what());
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "pgsql: [\n");
        assertTrue(assertThrows(Problem.class, () -> DumpCommands.read(broken)).what().startsWith("The targets file " + broken + " cannot be read as YAML"));
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
        assertTrue(assertThrows(Problem.class, () -> DumpCommands.read(empty)).what().contains("the file is empty"));
    }
}
