package io.sgmigrate.engine.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PipeTest {
    @Test
    void bytesCrossThreadsUnchangedThroughASmallBuffer() throws Exception {
        byte[] data = new byte[5_000_003];
        new Random(1).nextBytes(data);
        Pipe p = new Pipe(4, 4096);
        CompletableFuture<Void> w = CompletableFuture.runAsync(() -> {
            try (OutputStream o = p.out) {
                for (int i = 0; i < data.length; i += 7919) o.write(data, i, Math.min(7919, data.length - i));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        byte[] got = p.in.readAllBytes();
        w.get();
        assertArrayEquals(data, got);
    }

    @Test
    void aLongStreamReusesAFewBuffers() throws Exception {
        Pipe p = new Pipe(4, 4096);
        byte[] block = new byte[1000];
        CompletableFuture<Void> w = CompletableFuture.runAsync(() -> {
            try (OutputStream o = p.out) {
                for (int i = 0; i < 50_000; i++) { // 50 MB, with a flush now and then (as an SSH channel does)
                    block[0] = (byte) i;
                    o.write(block);
                    if (i % 7 == 0) o.flush();
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        byte[] buf = new byte[3000];
        long total = 0;
        long sum = 0;
        for (int n; (n = p.in.read(buf, 0, buf.length)) > 0; ) {
            total += n;
            for (int i = 0; i < n; i++) sum += buf[i];
        }
        w.get();
        assertEquals(50_000_000L, total);
        long expected = 0;
        for (int i = 0; i < 50_000; i++) expected += (byte) i;
        assertEquals(expected, sum, "no chunk was overwritten before it was read");
        assertTrue(p.buffersAllocated() <= 6, "buffers allocated: " + p.buffersAllocated());
    }

    @Test
    void aWriterFailureReachesTheReader() {
        Pipe p = new Pipe(2, 16);
        CompletableFuture.runAsync(() -> {
            try {
                p.out.write(new byte[10]);
                p.out.flush();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
            p.fail(new IOException("source host dropped the connection"));
        });
        IOException e = assertThrows(IOException.class, () -> p.in.readAllBytes());
        assertTrue(e.getCause().getMessage().contains("dropped"));
    }

    @Test
    void aReaderThatStopsUnblocksTheWriter() throws Exception {
        Pipe p = new Pipe(1, 16);
        p.in.close();
        IOException e = assertThrows(IOException.class, () -> {
            for (int i = 0; i < 100; i++) p.out.write(new byte[16]);
        });
        assertTrue(e.getMessage().contains("stopped"));
    }
}
