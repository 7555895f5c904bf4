package io.sgmigrate.engine.job;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one executor for long jobs (connecting, probing, dumping, restoring). Threads are daemons named
 * {@code sgmigrate-job-N}; a failure is never swallowed: it completes the returned future and is logged once.
 */
public final class Jobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);
    private final ExecutorService executor;

    public Jobs() {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "sgmigrate-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newCachedThreadPool(tf);
    }

    public <T> CompletableFuture<T> submit(String name, Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, executor).whenComplete((v, e) -> {
            if (e != null) LOG.debug("job '{}' ended with {}", name, e.toString());
        });
    }

    /**
     * A stream pump's own daemon thread ({@code name}): pumps block on I/O for as long as a dump runs, so they never
     * share a pool (the common pool has one thread on a two-core machine, or waits behind others).
     */
    public static java.util.concurrent.Executor thread(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.start();
        };
    }

    /** The result, or the {@link io.sgmigrate.engine.Problem} the work failed with, unwrapped. */
    public static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof io.sgmigrate.engine.Problem p) throw p;
            throw e;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
