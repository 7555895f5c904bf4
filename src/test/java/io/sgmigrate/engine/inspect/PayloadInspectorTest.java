package io.sgmigrate.engine.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.payload.Compression;
import io.sgmigrate.engine.payload.PayloadWriter;
import io.sgmigrate.engine.payload.Protection;
import io.sgmigrate.engine.secret.Secret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sgmigrate's own payload, inspected once and read again into sinks, every entry checked against the first reading. */
class PayloadInspectorTest {
    @TempDir
    Path dir;

    private static final String FRONTEND = "SET x = 1;\nCOPY public.users (id, username) FROM stdin;\n1\talice\n2\tbob\n\\.\nCOPY public.repo (id) FROM stdin;\n7\n\\.\n";
    private static final String CODEINTEL = "COPY public.lsif_uploads (id) FROM stdin;\n1\n2\n3\n\\.\n";

    private Path payload(String name, String frontend) throws Exception {
        Path f = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(f);
             PayloadWriter w = new PayloadWriter(out, new Protection.Passphrase(Secret.adopt("pw".toCharArray())), Compression.ZSTD, PayloadWriter.DEFAULT_PART_SIZE, true, n -> {})) {
            w.addMember("snapshot.json", new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)));
            w.addMember("dumps/sourcegraph.sql", new ByteArrayInputStream(frontend.getBytes(StandardCharsets.UTF_8)));
            w.addMember("dumps/sourcegraph-codeintel.sql", new ByteArrayInputStream(CODEINTEL.getBytes(StandardCharsets.UTF_8)));
            w.finish();
        }
        return f;
    }

    private static PayloadKeys pw() {
        return PayloadKeys.passphrase(Secret.adopt("pw".toCharArray()));
    }

    @Test
    void anOwnPayloadIsInspectedAndReadAgainByteForByte() throws Exception {
        Path f = payload("run.payload.gpg", FRONTEND);
        PayloadInspection p = PayloadInspector.inspect(f, pw(), n -> {});
        assertTrue(p.passed(), p.problems().toString());
        assertTrue(p.kind().startsWith("sgmigrate payload, ASCII-armored"), p.kind());
        assertEquals(3, p.entries().size());
        assertEquals(Map.of("public.users", 2L, "public.repo", 1L), p.dumps().get(0).rows());
        assertEquals("frontend", p.dumps().get(0).role());
        assertEquals("sourcegraph-codeintel", p.dumps().get(1).source());
        assertEquals(Map.of("public.lsif_uploads", 3L), p.dumps().get(1).rows());
        assertTrue(p.text().startsWith("Verdict: every check passed\nSignature: UNSIGNED"), p.text());

        Map<String, ByteArrayOutputStream> got = new LinkedHashMap<>();
        PayloadInspector.read(f, pw(), p, d -> got.computeIfAbsent(d.role(), x -> new ByteArrayOutputStream()), n -> {});
        assertArrayEquals(FRONTEND.getBytes(StandardCharsets.UTF_8), got.get("frontend").toByteArray());
        assertArrayEquals(CODEINTEL.getBytes(StandardCharsets.UTF_8), got.get("codeintel").toByteArray());
    }

    @Test
    void aPinnedSignerRefusesAnUnsignedPayload() throws Exception {
        Path f = payload("run.payload.gpg", FRONTEND);
        PayloadKeys pinned = new PayloadKeys(java.util.List.of(), () -> null, java.util.Optional.of(Secret.adopt("pw".toCharArray())),
                java.util.List.of(), java.util.Optional.of(dir.resolve("customer.asc")));
        Problem e = assertThrows(Problem.class, () -> PayloadInspector.inspect(f, pinned, n -> {}));
        assertTrue(e.what().contains("is not signed"), e.what());
        assertEquals(Problem.Kind.PRECONDITION, e.kind());
    }

    @Test
    void aFileThatChangedSinceItWasInspectedIsRefused() throws Exception {
        Path f = payload("run.payload.gpg", FRONTEND);
        PayloadInspection p = PayloadInspector.inspect(f, pw(), n -> {});
        Files.copy(payload("other.payload.gpg", FRONTEND.replace("bob", "eve")), f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Problem e = assertThrows(Problem.class, () -> PayloadInspector.read(f, pw(), p, d -> OutputStream.nullOutputStream(), n -> {}));
        assertTrue(e.what().contains("changed since it was checked"), e.what());
    }
}
