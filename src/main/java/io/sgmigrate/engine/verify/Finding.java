package io.sgmigrate.engine.verify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of a before/after comparison: where ({@code area}: a database role or "site config", "code hosts",
 * ...; {@code item}: a table, a key, a sequence), what was found, and the two sides. Values that may be secret
 * never appear here, only fingerprints.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(Status status, String area, String item, String what, String before, String after) {
    /** PASS equal; FAIL must match and does not; EXPECTED differs as a migration makes it differ; WARN needs a look. */
    public enum Status { PASS, FAIL, WARN, EXPECTED }

    public static Finding pass(String area, String item, String what, String before, String after) {
        return new Finding(Status.PASS, area, item, what, before, after);
    }

    public static Finding fail(String area, String item, String what, String before, String after) {
        return new Finding(Status.FAIL, area, item, what, before, after);
    }

    public static Finding expected(String area, String item, String what, String before, String after) {
        return new Finding(Status.EXPECTED, area, item, what, before, after);
    }

    public static Finding warn(String area, String item, String what, String before, String after) {
        return new Finding(Status.WARN, area, item, what, before, after);
    }

    /** "FAIL frontend.users: rows differ: 40 -> 39 (-1)". */
    public String line() {
        return status + " " + area + (item == null ? "" : "." + item) + ": " + what
                + (before == null && after == null ? "" : " (" + (before == null ? "-" : before) + " -> " + (after == null ? "-" : after) + ")");
    }
}
