package io.sgmigrate.engine.instance;

import java.util.List;
import java.util.regex.Pattern;

/** Critical lines in the frontend's log, in the formats Sourcegraph has used: log15 ({@code lvl=crit}), sglog's JSON (FATAL), Go panics. */
public final class FrontendLog {
    /** Most lines shown as evidence. */
    public static final int SHOWN = 5;
    private static final Pattern CRITICAL = Pattern.compile(
            "(?i)(\\blvl=crit\\b|\"severitytext\"\\s*:\\s*\"(fatal|critical)\"|\\blevel=(fatal|crit(ical)?)\\b|^panic: |\\bCRITICAL\\b)");

    private FrontendLog() {}

    public static List<String> critical(String log) {
        return log.lines().filter(l -> CRITICAL.matcher(l).find()).toList();
    }

    /** The last {@link #SHOWN} of {@code lines}, each cut at 300 characters, joined for one line of evidence. */
    public static String lastShown(List<String> lines) {
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - SHOWN), lines.size()).stream()
                .map(l -> l.length() > 300 ? l.substring(0, 300) + "\u2026" : l).toList());
    }
}
