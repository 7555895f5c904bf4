package io.sgmigrate.engine.instance;

import io.sgmigrate.engine.verify.ChecklistItem.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Repositories cloned over time: the samples each check added, the rate over the last ten minutes (or since the first
 * sample) and when, at that rate, the last one is cloned.
 */
public record CloneProgress(List<Sample> samples) {
    /** Most samples kept; older ones are thinned, so a watch of days stays small. */
    static final int KEPT = 240;
    private static final Duration WINDOW = Duration.ofMinutes(10);

    /** {@code previous} and then {@code now}; when more than {@link #KEPT}, every other of the older half goes. */
    public static List<Sample> appended(List<Sample> previous, Sample now) {
        List<Sample> all = new ArrayList<>(previous == null ? List.of() : previous);
        all.add(now);
        if (all.size() <= KEPT) return List.copyOf(all);
        List<Sample> thinned = new ArrayList<>();
        int half = all.size() / 2;
        for (int i = 0; i < half; i++) if (i % 2 == 0) thinned.add(all.get(i));
        thinned.addAll(all.subList(half, all.size()));
        return List.copyOf(thinned);
    }

    public Optional<Sample> latest() {
        return samples.isEmpty() ? Optional.empty() : Optional.of(samples.get(samples.size() - 1));
    }

    /** Repositories cloned a minute: from the oldest sample of the last ten minutes (or the one before it, when that is the latest) to the latest. */
    public OptionalDouble perMinute() {
        if (samples.size() < 2) return OptionalDouble.empty();
        Sample last = samples.get(samples.size() - 1);
        Instant end = Instant.parse(last.at());
        int start = resetAt();
        if (start >= samples.size() - 1) return OptionalDouble.empty();
        Sample from = samples.get(samples.size() - 2);
        for (int i = samples.size() - 2; i >= start; i--) {
            if (Duration.between(Instant.parse(samples.get(i).at()), end).compareTo(WINDOW) > 0) break;
            from = samples.get(i);
        }
        double minutes = Duration.between(Instant.parse(from.at()), end).toMillis() / 60_000.0;
        return minutes <= 0 ? OptionalDouble.empty() : OptionalDouble.of((last.done() - from.done()) / minutes);
    }

    /** How long, at the current rate, until every repository is cloned; empty without a rate above zero. */
    public Optional<Duration> remaining() {
        Optional<Sample> l = latest();
        OptionalDouble r = perMinute();
        if (l.isEmpty() || r.isEmpty() || r.getAsDouble() <= 0) return Optional.empty();
        long left = l.get().total() - l.get().done();
        return Optional.of(Duration.ofSeconds(Math.round(left / r.getAsDouble() * 60)));
    }

    /** The first sample after the last time fewer were cloned than before (0 when that never happened): the rate counts from there. */
    int resetAt() {
        int at = 0;
        for (int i = 1; i < samples.size(); i++) if (samples.get(i).done() < samples.get(i - 1).done()) at = i;
        return at;
    }

    /** The sample before the latest when the latest has fewer cloned (the status was reset, as when gitserver finds repositories missing). */
    public Optional<Sample> fellFrom() {
        if (samples.size() < 2) return Optional.empty();
        Sample prev = samples.get(samples.size() - 2);
        return prev.done() > samples.get(samples.size() - 1).done() ? Optional.of(prev) : Optional.empty();
    }

    /** How long the count of cloned repositories has stayed what it is now, by the looks taken (zero with one look). */
    public Duration unchangedFor() {
        if (samples.isEmpty()) return Duration.ZERO;
        Sample last = samples.get(samples.size() - 1);
        Sample since = last;
        for (int i = samples.size() - 2; i >= 0 && samples.get(i).done() == last.done() && samples.get(i).total() == last.total(); i--) since = samples.get(i);
        return Duration.between(Instant.parse(since.at()), Instant.parse(last.at()));
    }

    /** Nothing cloned across looks ten minutes or more apart. */
    public boolean stuck() {
        return unchangedFor().compareTo(WINDOW) >= 0;
    }

    /** Whether the latest sample has more cloned than the one before it. */
    public boolean moved() {
        return samples.size() >= 2 && samples.get(samples.size() - 1).done() > samples.get(samples.size() - 2).done();
    }

    /** {@code [#####.....]  50%} for a terminal. */
    public String bar(int width) {
        Sample l = latest().orElse(new Sample("", 0, 0));
        double f = l.total() == 0 ? 0 : (double) l.done() / l.total();
        int full = (int) Math.floor(f * width);
        return "[" + "#".repeat(full) + ".".repeat(width - full) + "] " + String.format(java.util.Locale.ROOT, "%3d%%", (int) Math.floor(f * 100));
    }

    /** A duration as a person reads it: "40 s", "12 min", "3 h 5 min". */
    public static String shown(Duration d) {
        long s = d.toSeconds();
        if (s < 90) return s + " s";
        long m = Math.round(s / 60.0);
        return m < 90 ? m + " min" : (m / 60) + " h " + (m % 60) + " min";
    }
}
