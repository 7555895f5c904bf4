package io.sgmigrate.engine.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.snapshot.Snapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A src snapshot summary file (Go field names, GraphQL ids) checked against the new instance's snapshot. */
class SrcSummaryTest {
    @TempDir
    Path dir;

    static String id(long n) {
        return Base64.getEncoder().encodeToString(("ExternalService:" + n).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void codeHostsByIdAndKindAndAuthProvidersByTypeAreChecked() throws Exception {
        Path f = dir.resolve("summary.json");
        Files.writeString(f, "{\"ExternalServices\":{\"TotalCount\":2,\"Nodes\":[{\"Kind\":\"GITHUB\",\"ID\":\"" + id(1) + "\"},"
                + "{\"Kind\":\"GITLAB\",\"ID\":\"" + id(2) + "\"}]},\"Site\":{\"AuthProviders\":{\"TotalCount\":2,\"Nodes\":["
                + "{\"ServiceType\":\"builtin\",\"ServiceID\":\"\"},{\"ServiceType\":\"github\",\"ServiceID\":\"https://github.com/\"}]}}}");
        Snapshot target = new Snapshot(1, "t", "x", null, Map.of(), new Snapshot.Semantic(
                new Snapshot.SiteConfig("fp", Map.of(), null, List.of(new Snapshot.AuthProvider("builtin", null)), null), null,
                List.of(new Snapshot.CodeHost(1, "GITHUB", "GitHub", "fp", false))));
        List<Finding> out = SrcSummary.read(f).check(target);
        List<String> failed = out.stream().filter(x -> x.status() == Finding.Status.FAIL).map(Finding::item).toList();
        assertEquals(List.of("GITLAB " + id(2), "auth github"), failed);
        assertEquals(2, out.stream().filter(x -> x.status() == Finding.Status.PASS).count());
    }

    @Test
    void aFileThatIsNotASummaryIsAClearError() throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "[1, 2");
        Problem p = assertThrows(Problem.class, () -> SrcSummary.read(f));
        assertEquals(Problem.Kind.INPUT, p.kind());
        assertTrue(p.what().startsWith("The src snapshot summary file " + f), p.what());
    }
}
