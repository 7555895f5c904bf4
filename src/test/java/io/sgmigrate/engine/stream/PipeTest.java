package io.sgmigrate.engine.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
