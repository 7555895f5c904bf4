package io.sgmigrate.engine.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.report.HtmlReport;
import io.sgmigrate.engine.report.Report;
import io.sgmigrate.engine.report.ReportFiles;
import io.sgmigrate.engine.verify.Verifier;
import io.sgmigrate.engine.verify.VerifyResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a snapshot and its report keep of a site config that holds secrets. */
class SnapshotSecretsTest {
    static final String TOKEN = "Hunter2s3cr3tXYZ";
    static final String MALFORMED = "{\n  \"externalURL\": \"https://sg.example\",\n  \"email.smtp\": {\"password\": " + TOKEN + "}\n}";

    @TempDir
    Path dir;

    @Test
    void aMalformedSiteConfigKeepsOnlyWhereItBreaksNeverTheToken() throws Exception {
        Snapshot s = new SnapshotTaker(null, FingerprintKey.generate()).take(FakeInstance.instance(), new FakeInstance(MALFORMED, "{}", "deadbeef").sources());
        String parseError = s.semantic().siteConfig().parseError();
        assertTrue(parseError.matches("line 3, column \\d+"), parseError);
        String json = new String(SnapshotFile.bytes(s), StandardCharsets.UTF_8);
        assertFalse(json.contains(TOKEN), json);
        assertFalse(json.contains("Hunter2"), json);

        VerifyResult r = new Verifier().compare(s, s);
        Report report = Report.of("t", null, s, s, r, List.of());
        assertTrue(report.warnings().stream().anyMatch(w -> w.contains("(" + parseError + ")")), report.warnings().toString());
        ReportFiles.write(dir, report);
        for (String f : List.of("report.html", "report.json")) {
            String text = Files.readString(dir.resolve(f));
            assertTrue(text.contains(parseError), f);
            assertFalse(text.contains("Hunter2"), f + ": " + text);
        }
        assertFalse(HtmlReport.render(report).contains(TOKEN));
    }

    @Test
    void aParserMessageKeptByAnOlderSnapshotStaysOutOfTheReport() {
        Snapshot s = new SnapshotTaker(null, FingerprintKey.generate()).take(FakeInstance.instance(), new FakeInstance(MALFORMED, "{}", "deadbeef").sources());
        Snapshot.SiteConfig sc = s.semantic().siteConfig();
        Snapshot.SiteConfig old = new Snapshot.SiteConfig(sc.fingerprint(), sc.keys(), null, List.of(),
                "Unrecognized token '" + TOKEN + "': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
        Snapshot before = new Snapshot(1, s.capturedAt(), s.tool(), s.instance(), s.databases(),
                new Snapshot.Semantic(old, s.semantic().globalSettingsFingerprint(), s.semantic().codeHosts()));
        Report report = Report.of("t", null, before, s, null, List.of());
        assertEquals(List.of("The old site config is not valid JSONC (location not recorded); it was compared as text."), report.warnings());
        assertFalse(HtmlReport.render(report).contains(TOKEN));
    }
}
