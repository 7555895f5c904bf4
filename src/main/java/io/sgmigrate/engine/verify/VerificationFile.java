package io.sgmigrate.engine.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.journal.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;

/** A verification's findings as JSON beside the journal, for the report; owner-only, as the journal. */
public final class VerificationFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private VerificationFile() {}

    public static void write(Path file, VerifyResult r) {
        try {
            PrivateFiles.write(file, JSON.writeValueAsBytes(r));
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.INPUT, "report.unwritable", file).causedBy(e);
        }
    }

    public static VerifyResult read(Path file) {
        try {
            return JSON.readValue(file.toFile(), VerifyResult.class);
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.INPUT, "snapshot.unreadable", file, String.valueOf(e.getMessage()).lines().findFirst().orElse("")).causedBy(e);
        }
    }
}
