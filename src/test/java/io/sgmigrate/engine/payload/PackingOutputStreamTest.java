package io.sgmigrate.engine.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the load sends psql on the new host: frames the standard tools unpack to the very bytes; an abort finishes nothing. */
class PackingOutputStreamTest {
    private static byte[] dumpLike(int n) {
        byte[] b = new byte[n];
        Random r = new Random(7);
        for (int i = 0; i < n; i++) b[i] = (byte) (i % 61 == 60 ? '\n' : 'a' + r.nextInt(6));
        return b;
    }

    private static byte[] unpackWith(List<String> tool, byte[] packed) throws Exception {
        Process p = new ProcessBuilder(tool).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread feed = new Thread(() -> {
            try (OutputStream in = p.getOutputStream()) {
                in.write(packed);
            } catch (Exception ignored) {
                // the tool's exit code tells
            }
        });
        feed.start();
        byte[] out = p.getInputStream().readAllBytes();
        feed.join();
        assertEquals(0, p.waitFor(), String.join(" ", tool));
        return out;
    }

    @Test
    void zstdAndGzipFramesUnpackWithTheStandardToolsToTheSameBytes() throws Exception {
        byte[] plain = dumpLike((3 << 20) + 12345);   // three whole chunks and a part
        for (Compression c : List.of(Compression.ZSTD, Compression.GZIP)) {
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            try (PackingOutputStream p = new PackingOutputStream(sent, c)) {
                p.write(plain, 0, 1000);
                p.write(plain[1000]);
                p.write(plain, 1001, plain.length - 1001);
            }
            assertTrue(sent.size() < plain.length / 2, c + ": fewer bytes cross the link: " + sent.size());
            assertArrayEquals(plain, unpackWith(c.decompressCommand(), sent.toByteArray()), c.name());
        }
    }

    @Test
    void anAbortGivesTheInnerStreamUpWithoutTheHeldChunk() throws Exception {
        class Inner extends ByteArrayOutputStream implements Abortable {
            boolean aborted;
            boolean closed;

            @Override
            public void abort() {
                aborted = true;
            }

            @Override
            public void close() {
                closed = true;
            }
        }
        Inner inner = new Inner();
        PackingOutputStream p = new PackingOutputStream(inner, Compression.ZSTD);
        p.write(dumpLike(1000), 0, 1000);
        p.abort();
        assertTrue(inner.aborted);
        assertEquals(false, inner.closed, "never closed: a close would complete the restore's input");
        assertEquals(0, inner.size(), "the held chunk is not sent");
    }
}
