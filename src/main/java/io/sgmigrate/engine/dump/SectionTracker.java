package io.sgmigrate.engine.dump;

import io.sgmigrate.engine.dump.DumpRules.Facts;

/**
 * Which database's section of a dump the items now belong to: the one the last {@code \connect} went to, until
 * a {@code \connect} elsewhere or a statement about another database (pg_dumpall writes the next database's
 * CREATE DATABASE before connecting to it). Null before the first {@code \connect} and between sections.
 */
final class SectionTracker {
    private String current;

    void see(Facts f) {
        if (f.connect()) {
            if (f.connectTo() != null) current = f.connectTo();
        } else if (f.database() != null && !f.database().equals(current)) {
            current = null;
        }
    }

    String current() {
        return current;
    }
}
