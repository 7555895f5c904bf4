package io.sgmigrate.engine.upgrade;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.sourcegraph.SourcegraphVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Sourcegraph release table the planner works from, offline: per minor its latest patch and the month of its .0, and
 * the last minor of each finished major. Shipped as {@code releases.json}; a newer table of the same shape can be given.
 */
public final class Releases {
    /** One minor release line. */
    public record Minor(int major, int minor, SourcegraphVersion latest, String released) {
        public String name() {
            return major + "." + minor;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class Data {
        public Map<String, Integer> lastMinor = new LinkedHashMap<>();
        public List<Row> releases = new ArrayList<>();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class Row {
        public String minor;
        public String latest;
        public String released;
    }

    private final List<Minor> minors;
    private final Map<Integer, Integer> lastMinor;
    private final String origin;

    private Releases(List<Minor> minors, Map<Integer, Integer> lastMinor, String origin) {
        this.minors = List.copyOf(minors);
        this.lastMinor = Map.copyOf(lastMinor);
        this.origin = origin;
    }

    /** The table shipped with this version of sgmigrate. */
    public static Releases shipped() {
        try (InputStream in = Releases.class.getResourceAsStream("releases.json")) {
            if (in == null) throw new IllegalStateException("releases.json is part of the application");
            return parse(in.readAllBytes(), "the release table shipped with sgmigrate");
        } catch (IOException e) {
            throw new IllegalStateException("releases.json is part of the application", e);
        }
    }

    /** A table from a file ({@code --releases}), checked as the shipped one is. */
    public static Releases fromFile(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            throw Problem.of(Problem.Kind.INPUT, "upgrade.releases.missing", file);
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.INPUT, "upgrade.releases.unreadable", file).causedBy(e);
        }
    }

    static Releases parse(byte[] json, String origin) {
        Data d;
        try {
            d = new ObjectMapper().readValue(json, Data.class);
        } catch (JsonProcessingException e) {
            throw Problem.of(Problem.Kind.INPUT, "upgrade.releases.malformed", origin, e.getOriginalMessage()).causedBy(e);
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.INPUT, "upgrade.releases.malformed", origin, e.getMessage()).causedBy(e);
        }
        if (d == null || d.releases == null || d.releases.isEmpty()) throw Problem.of(Problem.Kind.INPUT, "upgrade.releases.malformed", origin, "no releases");
        List<Minor> minors = new ArrayList<>();
        for (Row r : d.releases) {
            Optional<SourcegraphVersion> line = r == null ? Optional.empty() : SourcegraphVersion.parse(r.minor);
            Optional<SourcegraphVersion> latest = r == null ? Optional.empty() : SourcegraphVersion.parse(r.latest);
            if (line.isEmpty() || latest.isEmpty() || latest.get().major() != line.get().major() || latest.get().minor() != line.get().minor()) {
                throw Problem.of(Problem.Kind.INPUT, "upgrade.releases.malformed", origin, "a release row is not minor X.Y with a latest patch X.Y.Z: "
                        + (r == null ? "null" : r.minor + " / " + r.latest));
            }
            Minor m = new Minor(line.get().major(), line.get().minor(), latest.get(), r.released == null ? "" : r.released);
            if (!minors.isEmpty()) {
                Minor prev = minors.get(minors.size() - 1);
                if (compare(prev, m) >= 0) throw Problem.of(Problem.Kind.INPUT, "upgrade.releases.malformed", origin,
                        "releases must be sorted, each minor once: " + m.name() + " after " + prev.name());
            }
            minors.add(m);
        }
        Map<Integer, Integer> last = new LinkedHashMap<>();
        if (d.lastMinor != null) d.lastMinor.forEach((k, v) -> {
            try {
                last.put(Integer.parseInt(k), v);
            } catch (NumberFormatException e) {
                throw Problem.of(Problem.Kind.INPUT, "upgrade.releases.malformed", origin, "lastMinor key " + k + " is no major version");
            }
        });
        return new Releases(minors, last, origin);
    }

    private static int compare(Minor a, Minor b) {
        return a.major != b.major ? Integer.compare(a.major, b.major) : Integer.compare(a.minor, b.minor);
    }

    public List<Minor> minors() {
        return minors;
    }

    public String origin() {
        return origin;
    }

    /** The last minor of {@code major}, when that major is finished (known). */
    public Optional<Integer> lastMinor(int major) {
        return Optional.ofNullable(lastMinor.get(major));
    }

    public Optional<Minor> minor(int major, int minor) {
        return minors.stream().filter(m -> m.major == major && m.minor == minor).findFirst();
    }

    /** The newest release in the table. */
    public SourcegraphVersion newest() {
        return minors.get(minors.size() - 1).latest();
    }

    /**
     * The minor a standard upgrade goes to next: the next minor of the same major, or the next major's .0 from a major's last
     * minor; empty when the table does not know (the newest minor, or a major whose last minor is not recorded).
     */
    public Optional<Minor> next(Minor m) {
        Optional<Integer> last = lastMinor(m.major);
        if (last.isPresent() && m.minor >= last.get()) return minor(m.major + 1, 0);
        return minor(m.major, m.minor + 1);
    }
}
