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

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
