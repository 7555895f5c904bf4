package io.sgmigrate.engine.upgrade;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An upgrade from one release to another: the standard way (every version to deploy, in order, ending with the target) and,
 * where the migrator allows it, the multi-version way; each with an estimate in minutes ({@code [lo, hi]}) and the notes
 * that matter, and the warnings for the whole path. The JSON shape of {@code upgrade-path --json} (docs/upgrade-path.md).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UpgradePlan(String from, String to, String deployment, Standard standard, MultiVersion multiversion, List<String> warnings, String releases) {

    /** One version to deploy; {@code commands} for the deployment kind asked for. */
    public record Step(String version, int[] minutes, List<String> notes, List<String> commands) {}

    public record Standard(List<Step> steps, int[] minutes) {}

    /**
     * The migrator's {@code upgrade}, one leg per migrator image (two when the path reaches 5.10 and goes on: the 5.10
     * image to reach it, a newer one after); {@code migratorImage} and {@code command} are the first leg's.
     */
    public record MultiVersion(String migratorImage, String command, int[] minutes, List<String> notes, List<Leg> legs, List<String> commands) {}

    public record Leg(String migratorImage, String from, String to, String command) {}

    /** The standard path as {@code 3.35.1 -> 3.36.3 -> 3.37.0}. */
    public String chain() {
        StringBuilder b = new StringBuilder(from);
        for (Step s : standard.steps()) b.append(" \u2192 ").append(s.version());
        return b.toString();
    }

    /** One line for a message where versions meet: the chain, its length and estimate, and the command to see the rest. */
    public String summary() {
        int n = standard.steps().size();
        return chain() + " (" + n + (n == 1 ? " step" : " steps") + ", about " + standard.minutes()[0] + "\u2013" + standard.minutes()[1] + " minutes"
                + (multiversion != null ? "; or one multi-version upgrade with the migrator" : "") + "; sgmigrate upgrade-path --from " + from + " --to " + to
                + " shows each step)";
    }
}
