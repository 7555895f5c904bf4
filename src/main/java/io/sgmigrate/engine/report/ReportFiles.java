package io.sgmigrate.engine.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sgmigrate.engine.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@code report.html} and {@code report.json} into a folder. */
public final class ReportFiles {
    private ReportFiles() {}

    public static Path write(Path dir, Report r) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("report.html"), HtmlReport.render(r), StandardCharsets.UTF_8);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("report.json").toFile(), r);
            return dir.resolve("report.html");
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.INPUT, "report.unwritable", dir).causedBy(e);
        }
    }
}
