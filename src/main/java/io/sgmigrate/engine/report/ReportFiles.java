package io.sgmigrate.engine.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.journal.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@code report.html} and {@code report.json} into a folder, owner-only (they name hosts and fingerprints). */
public final class ReportFiles {
    private ReportFiles() {}

    public static Path write(Path dir, Report r) {
        try {
            Files.createDirectories(dir);
            PrivateFiles.write(dir.resolve("report.html"), HtmlReport.render(r).getBytes(StandardCharsets.UTF_8));
            PrivateFiles.write(dir.resolve("report.json"), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(r));
            return dir.resolve("report.html");
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.INPUT, "report.unwritable", dir).causedBy(e);
        }
    }
}
