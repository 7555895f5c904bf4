package io.sgmigrate.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.verify.ChecklistItem;
import io.sgmigrate.engine.verify.Finding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report page: everything escaped, and a real headless browser shows its verification table. */
class HtmlReportTest {
    @TempDir
    Path dir;

    static Report sample() {
        List<Finding> findings = List.of(
                Finding.pass("frontend", "users", "rows and contents equal", "40", "40"),
                Finding.fail("frontend", "repo<script>alert(1)</script>", "rows differ by -1", "300", "299"),
                Finding.expected("site config", "externalURL", "value changed, expected", "https://old.example", "https://new.example"),
                Finding.warn("code hosts", "GITHUB #1", "config is encrypted", null, null));
        List<ChecklistItem> checklist = List.of(new ChecklistItem("auto-data-frontend", "Frontend database", false, "FAIL", "1 FAILED", "sgmigrate", null, null),
                new ChecklistItem("search", "A search returns results", true, "DONE", null, "ana", "2026-11-23T03:00:00Z", "12 results & more"),
                ChecklistItem.checked("repos-cloning", "Repositories are cloned", "PENDING", "cloned 100 of 300", "https://sg.example/site-admin/repositories",
                        "every repository cloned", "2026-11-23T03:05:00Z").withSamples(List.of(new ChecklistItem.Sample("2026-11-23T03:00:00Z", 0, 300),
                        new ChecklistItem.Sample("2026-11-23T03:05:00Z", 100, 300))));
        return new Report("Migration of \"sg\" <new>", "2026-11-23T03:00:00Z", "sgmigrate test", "FAILED", Map.of("New instance", "compose /d on h"),
                List.of(new Report.StepRow("transfer", "DONE", "2026-11-23T02:00:00Z", "12.5", Map.of("sha256", "ab12"), null)),
                List.of(new Report.CheckRow("PASS", "Versions match", "3.13.1 on both hosts")), findings, checklist, List.of("a warning <b>"));
    }

    @Test
    void everyTextIsEscapedAndFailuresComeFirst() {
        String html = HtmlReport.render(sample());
        assertFalse(html.contains("<script"), "no markup from data: " + html);
        assertTrue(html.contains("repo&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(html.contains("Migration of &quot;sg&quot; &lt;new&gt;"));
        assertTrue(html.indexOf("class=\"FAIL\"") < html.indexOf("class=\"PASS\""), "failures before passes");
        assertTrue(html.contains("12 results &amp; more"));
        // A guided item: its evidence, what good looks like, where to look, its looks over time, and when sgmigrate looked.
        assertTrue(html.contains("<a href=\"https://sg.example/site-admin/repositories\">"), html);
        assertTrue(html.contains("Good: every repository cloned"), html);
        assertTrue(html.contains("2 looks from 2026-11-23T03:00:00Z (0 of 300) to 2026-11-23T03:05:00Z (100 of 300)"), html);
        assertTrue(html.contains("sgmigrate 2026-11-23T03:05:00Z"), html);
    }

    @Test
    void aHeadlessBrowserRendersTheVerificationTable() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(chromium)) {
            String why = "no Chromium at /usr/bin/chromium (apt-get install chromium)";
            if ("1".equals(System.getenv("SGMIGRATE_BROWSER_REQUIRED"))) Assertions.fail(why);
            Assumptions.abort(why);
        }
        Path html = ReportFiles.write(dir.resolve("report"), sample());
        assertTrue(Files.exists(dir.resolve("report/report.json")));
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--user-data-dir=" + dir.resolve("profile"), "--dump-dom", html.toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("chromium.log").toFile()).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium finished");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("chromium.log")));
        // The DOM as the browser built it: the table is there with one row per finding, in order of severity.
        Matcher table = Pattern.compile("<table id=\"verification\">.*?<tbody>(.*?)</tbody>", Pattern.DOTALL).matcher(dom);
        assertTrue(table.find(), dom);
        Matcher rows = Pattern.compile("<tr class=\"(\\w+)\">").matcher(table.group(1));
        List<String> classes = new ArrayList<>();
        while (rows.find()) classes.add(rows.group(1));
        assertEquals(List.of("FAIL", "WARN", "EXPECTED", "PASS"), classes);
        assertFalse(dom.contains("<script"), "nothing from the data became markup");

        Path png = dir.resolve("report.png");
        Process shot = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--user-data-dir=" + dir.resolve("profile2"), "--window-size=1100,900", "--screenshot=" + png, html.toUri().toString())
                .redirectErrorStream(true).start();
        shot.getInputStream().readAllBytes();
        assertTrue(shot.waitFor(60, TimeUnit.SECONDS));
        assertTrue(Files.size(png) > 10_000, "a real picture of the page");
    }
}
