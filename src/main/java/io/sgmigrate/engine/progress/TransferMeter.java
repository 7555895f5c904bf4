package io.sgmigrate.engine.progress;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Bytes moved, speed and time left for one transfer. Speed is averaged over a sliding window (default
 * 5 s) so it follows changes without jumping on every packet. Speed and ETA are given only once the samples
 * span 2 s (a stream's first second is its slow start: "61 h left" at 0 % helps nobody), ETA only when the total is known.
 * Thread-safe: the worker records, a front reads.
 */
public final class TransferMeter {
    private final LongSupplier nanoClock;
    private final long windowNanos;
    private final long total;
    private final long startNanos;
    private final long settleNanos;
    private final Deque<long[]> samples = new ArrayDeque<>();
    private long bytes;

    public TransferMeter(long totalBytesOrMinus1) {
        this(totalBytesOrMinus1, Duration.ofSeconds(5), System::nanoTime);
    }

    public TransferMeter(long totalBytesOrMinus1, Duration window, LongSupplier nanoClock) {
        this.total = totalBytesOrMinus1;
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.settleNanos = Math.min(windowNanos, Duration.ofSeconds(2).toNanos());
        samples.add(new long[] {startNanos, 0});
    }

    /** Records the running total of bytes moved. */
    public synchronized void moved(long totalSoFar) {
        long now = nanoClock.getAsLong();
        bytes = totalSoFar;
        samples.addLast(new long[] {now, totalSoFar});
        while (samples.size() > 2 && now - samples.peekFirst()[0] > windowNanos) samples.removeFirst();
    }

    public synchronized long bytes() {
        return bytes;
    }

    public long total() {
        return total;
    }

    /** Bytes per second over the window; 0 until the samples span 2 s (or the whole window, if shorter). */
    public synchronized double bytesPerSecond() {
        long[] first = samples.peekFirst();
        long[] last = samples.peekLast();
        long dt = last[0] - first[0];
        if (dt <= 0 || dt < settleNanos) return 0;
        return (last[1] - first[1]) * 1e9 / dt;
    }

    /** Time left at the current speed, if the total is known and data is moving. */
    public synchronized OptionalLong etaSeconds() {
        double rate = bytesPerSecond();
        if (total < 0 || rate <= 0) return OptionalLong.empty();
        return OptionalLong.of((long) Math.ceil(Math.max(0, total - bytes) / rate));
    }

    public synchronized Duration elapsed() {
        return Duration.ofNanos(nanoClock.getAsLong() - startNanos);
    }

    /** Fraction done in [0,1], or -1 when the total is unknown. */
    public synchronized double fraction() {
        if (total <= 0) return total == 0 ? 1 : -1;
        return Math.min(1.0, (double) bytes / total);
    }

    /** "1.2 GiB of 3.4 GiB, 48.0 MiB/s, 47 s left" (no speed yet in the first 2 s): the line both fronts show. */
    public synchronized String describe() {
        StringBuilder sb = new StringBuilder(Units.bytes(bytes));
        if (total >= 0) sb.append(" of ").append(Units.bytes(total));
        double rate = bytesPerSecond();
        if (rate > 0) sb.append(", ").append(Units.bytes((long) rate)).append("/s");
        etaSeconds().ifPresent(s -> sb.append(", ").append(Units.duration(Duration.ofSeconds(s))).append(" left"));
        return sb.toString();
    }
}
