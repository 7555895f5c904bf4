package io.sgmigrate.engine.report;

import io.sgmigrate.engine.verify.ChecklistItem;
import io.sgmigrate.engine.verify.Finding;
import java.util.List;
import java.util.Map;

/** The report as one self-contained HTML page (inline style, no scripts, nothing fetched), for a support ticket. */
public final class HtmlReport {
    private HtmlReport() {}

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:72em;color:#1f2328;padding:0 1em}
            h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #d0d7de;padding-bottom:.3em}
            table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{text-align:left;padding:.3em .6em;border-bottom:1px solid #eaeef2;vertical-align:top}
            th{background:#f6f8fa;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
            .badge{display:inline-block;padding:.1em .6em;border-radius:1em;font-weight:600;font-size:.85em}
            .PASS,.PASSED,.DONE{background:#dafbe1;color:#116329}.FAIL,.FAILED{background:#ffebe9;color:#a40e26}
            .WARN,.TODO{background:#fff8c5;color:#7d4e00}.EXPECTED,.SKIPPED,.NOT,.PENDING{background:#ddf4ff;color:#0550ae}
            tr.FAIL td{background:#fff5f4}code{font-family:ui-monospace,monospace;font-size:.92em}.muted{color:#57606a}
            """;

    public static String render(Report r) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
                .append("<title>").append(esc(r.title())).append("</title><style>").append(STYLE).append("</style></head><body>\n");
        h.append("<h1>").append(esc(r.title())).append("</h1>\n<p>Verdict: <span id=\"verdict\" class=\"badge ").append(esc(r.verdict().split(" ")[0]))
                .append("\">").append(esc(r.verdict())).append("</span> <span class=\"muted\">made ").append(esc(r.createdAt())).append(" by ")
                .append(esc(r.tool())).append("</span></p>\n");
        if (!r.warnings().isEmpty()) {
            h.append("<h2>Warnings</h2><ul id=\"warnings\">");
            for (String w : r.warnings()) h.append("<li>").append(esc(w)).append("</li>");
            h.append("</ul>\n");
        }
        h.append("<h2>Summary</h2><table id=\"facts\"><tbody>");
        for (Map.Entry<String, String> e : r.facts().entrySet()) {
            h.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(esc(e.getValue())).append("</td></tr>");
        }
        h.append("</tbody></table>\n");
        if (!r.steps().isEmpty()) {
            h.append("<h2>Steps</h2><table id=\"steps\"><thead><tr><th>Step</th><th>State</th><th>Started</th><th>Seconds</th><th>Outputs</th></tr></thead><tbody>");
            for (Report.StepRow s : r.steps()) {
                h.append("<tr><td>").append(esc(s.id())).append("</td><td><span class=\"badge ").append(s.state().equals("DONE") ? "PASS" : s.state().equals("FAILED") ? "FAIL" : "WARN")
                        .append("\">").append(esc(s.state())).append("</span></td><td>").append(esc(s.startedAt())).append("</td><td class=\"num\">")
                        .append(esc(s.seconds())).append("</td><td>");
                s.outputs().forEach((k, v) -> h.append("<code>").append(esc(k)).append("</code> ").append(esc(v)).append("<br>"));
                if (s.error() != null) h.append("<strong>").append(esc(s.error())).append("</strong>");
                h.append("</td></tr>");
            }
            h.append("</tbody></table>\n");
        }
        if (!r.preflight().isEmpty()) {
            h.append("<h2>Pre-flight</h2><table id=\"preflight\"><thead><tr><th>Result</th><th>Check</th><th>Detail</th></tr></thead><tbody>");
            for (Report.CheckRow c : r.preflight()) {
                h.append("<tr><td><span class=\"badge ").append(esc(c.status())).append("\">").append(esc(c.status())).append("</span></td><td>")
                        .append(esc(c.name())).append("</td><td>").append(esc(c.detail())).append("</td></tr>");
            }
            h.append("</tbody></table>\n");
        }
        h.append("<h2>Verification</h2>");
        List<Finding> v = r.verification();
        if (v.isEmpty()) {
            h.append("<p class=\"muted\">Not verified.</p>");
        } else {
            long fail = v.stream().filter(f -> f.status() == Finding.Status.FAIL).count();
            long exp = v.stream().filter(f -> f.status() == Finding.Status.EXPECTED).count();
            h.append("<p>").append(v.size()).append(" comparisons: ").append(fail).append(" failed, ").append(exp).append(" expected differences.</p>");
            h.append("<table id=\"verification\"><thead><tr><th>Result</th><th>Where</th><th>Item</th><th>Finding</th><th>Before</th><th>After</th></tr></thead><tbody>");
            // Failures first, then what needs a look, then expected differences, then the equal ones.
            for (Finding.Status st : List.of(Finding.Status.FAIL, Finding.Status.WARN, Finding.Status.EXPECTED, Finding.Status.PASS)) {
                for (Finding f : v) {
                    if (f.status() != st) continue;
                    h.append("<tr class=\"").append(st).append("\"><td><span class=\"badge ").append(st).append("\">").append(st).append("</span></td><td>")
                            .append(esc(f.area())).append("</td><td>").append(esc(f.item())).append("</td><td>").append(esc(f.what())).append("</td><td class=\"num\">")
                            .append(esc(f.before())).append("</td><td class=\"num\">").append(esc(f.after())).append("</td></tr>");
                }
            }
            h.append("</tbody></table>\n");
        }
        if (!r.checklist().isEmpty()) {
            h.append("<h2>Checklist</h2><table id=\"checklist\"><thead><tr><th>Status</th><th>Item</th><th>Evidence, what good looks like, note</th><th>Who, when</th></tr></thead><tbody>");
            for (ChecklistItem i : r.checklist()) {
                StringBuilder seen = new StringBuilder(esc(i.evidence() == null ? "" : i.evidence()));
                if (i.manual() && i.note() != null) seen.append(seen.length() > 0 ? "<br>" : "").append("Note: ").append(esc(i.note()));
                if (i.good() != null) seen.append(seen.length() > 0 ? "<br>" : "").append("<span class=\"muted\">Good: ").append(esc(i.good())).append("</span>");
                if (i.link() != null) seen.append(seen.length() > 0 ? "<br>" : "").append("<a href=\"").append(esc(i.link())).append("\">").append(esc(i.link())).append("</a>");
                if (i.samples() != null && !i.samples().isEmpty()) {
                    var first = i.samples().get(0);
                    var last = i.samples().get(i.samples().size() - 1);
                    seen.append("<br><span class=\"muted\">").append(i.samples().size()).append(" looks from ").append(esc(first.at())).append(" (")
                            .append(first.done()).append(" of ").append(first.total()).append(") to ").append(esc(last.at())).append(" (")
                            .append(last.done()).append(" of ").append(last.total()).append(")</span>");
                }
                String who = i.manual() ? esc(i.by()) + (i.at() == null ? "" : " " + esc(i.at())) : "sgmigrate" + (i.checkedAt() == null ? "" : " " + esc(i.checkedAt()));
                h.append("<tr><td><span class=\"badge ").append(esc(i.status())).append("\">").append(esc(i.status())).append("</span></td><td>")
                        .append(esc(i.title())).append(" <span class=\"muted\">(").append(esc(i.id())).append(")</span></td><td>")
                        .append(seen).append("</td><td>").append(who).append("</td></tr>");
            }
            h.append("</tbody></table>\n");
        }
        h.append("</body></html>\n");
        return h.toString();
    }
}
