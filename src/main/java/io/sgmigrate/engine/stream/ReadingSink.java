package io.sgmigrate.engine.stream;

import io.sgmigrate.engine.job.Jobs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * An OutputStream whose bytes a reader of an InputStream consumes on its own thread (a scanner, a counter), through a
 * bounded {@link Pipe}: memory stays flat. {@link #close} waits for the reader and rethrows its failure; its result is
 * then {@link #result}.
 */
public final class ReadingSink<T> extends OutputStream {
    private final Pipe pipe = new Pipe(8, 256 * 1024);
    private final CompletableFuture<T> reader;
    private T result;

    public ReadingSink(String name, Function<InputStream, T> read) {
        reader = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = pipe.in) {
                T t = read.apply(in);
                in.transferTo(OutputStream.nullOutputStream());   // a reader that stopped early never blocks the writer
                return t;
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, Jobs.thread(name));
    }

    @Override
    public void write(int b) throws IOException {
        pipe.out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        pipe.out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
        pipe.out.close();
        try {
            result = reader.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    /** What the reader returned; after {@link #close}. */
    public T result() {
        return result;
    }
}
