package io.sgmigrate.engine.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;

/**
 * Edits one top-level string value of a JSONC document in place: comments, key order, indentation and every other
 * byte are kept. A key that is missing is added as the first member, indented like the others.
 */
public final class JsoncEdit {
    private JsoncEdit() {}

    /** The value of {@code key} set to {@code value}; the result parses and says exactly that, or {@link Jsonc.Malformed} is thrown. */
    public static String setString(String doc, String key, String value) throws Jsonc.Malformed {
        String text = doc == null || doc.isBlank() ? "{\n}" : doc;
        JsonNode before = Jsonc.parse(text);
        if (!before.isObject()) throw new Jsonc.Malformed("the document is not an object");
        String quoted = new TextNode(value).toString();
        int[] at = valueOf(text, key);
        String out;
        if (at != null) {
            out = text.substring(0, at[0]) + quoted + text.substring(at[1]);
        } else {
            int open = firstBrace(text);
            String indent = indentOfFirstMember(text, open);
            boolean empty = before.isEmpty();
            out = text.substring(0, open + 1) + "\n" + indent + new TextNode(key) + ": " + quoted + (empty ? "" : ",") + text.substring(open + 1);
        }
        JsonNode after = Jsonc.parse(out);
        if (!value.equals(after.path(key).asText(null))) throw new Jsonc.Malformed("the edit did not take");
        return out;
    }

    /**
     * {@code element} (JSON) appended to the top-level array {@code key}, on a line of its own; a missing key is added first
     * holding just it. The result parses to the document with exactly that change, or {@link Jsonc.Malformed} is thrown.
     */
    public static String appendToArray(String doc, String key, JsonNode element) throws Jsonc.Malformed {
        String text = doc == null || doc.isBlank() ? "{\n}" : doc;
        JsonNode before = Jsonc.parse(text);
        if (!before.isObject()) throw new Jsonc.Malformed("the document is not an object");
        if (before.has(key) && !before.get(key).isArray()) throw new Jsonc.Malformed("\u201c" + key + "\u201d is not a list");
        String out;
        int[] member = memberOf(text, key);
        if (member == null) {
            int open = firstBrace(text);
            String indent = indentOfFirstMember(text, open);
            out = text.substring(0, open + 1) + "\n" + indent + new TextNode(key) + ": [" + element + "]" + (before.isEmpty() ? "" : ",")
                    + text.substring(open + 1);
        } else {
            int close = member[3] - 1;
            int last = lastSignificant(text, member[2] + 1, close);
            String indent = lineIndent(text, member[0]) + "  ";
            String sep = last < 0 || text.charAt(last) == ',' ? "" : ",";
            int at = last < 0 ? member[2] + 1 : last + 1;
            out = text.substring(0, at) + sep + "\n" + indent + element + text.substring(at);
        }
        com.fasterxml.jackson.databind.node.ObjectNode expected = before.deepCopy();
        if (!expected.has(key)) expected.putArray(key);
        ((com.fasterxml.jackson.databind.node.ArrayNode) expected.get(key)).add(element);
        if (!Jsonc.parse(out).equals(expected)) throw new Jsonc.Malformed("the edit did not take");
        return out;
    }

    /**
     * The elements of the top-level array {@code key} that {@code which} picks taken out; when none is left, the key goes
     * too. Everything else is kept byte for byte. The result parses to exactly that, or {@link Jsonc.Malformed} is thrown.
     */
    public static String removeFromArray(String doc, String key, java.util.function.Predicate<JsonNode> which) throws Jsonc.Malformed {
        JsonNode before = Jsonc.parse(doc);
        JsonNode list = before.path(key);
        if (!list.isArray()) return doc;
        com.fasterxml.jackson.databind.node.ArrayNode kept = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        for (JsonNode e : list) if (!which.test(e)) kept.add(e);
        if (kept.size() == list.size()) return doc;
        com.fasterxml.jackson.databind.node.ObjectNode expected = before.deepCopy();
        String out;
        int[] member = memberOf(doc, key);
        if (kept.isEmpty()) {
            expected.remove(key);
            out = cut(doc, member[0], member[3]);
        } else {
            expected.set(key, kept);
            List<int[]> spans = elements(doc, member[2] + 1, member[3] - 1);
            out = doc;
            for (int i = spans.size() - 1; i >= 0; i--) {
                if (which.test(Jsonc.parse(doc.substring(spans.get(i)[0], spans.get(i)[1])))) out = cut(out, spans.get(i)[0], spans.get(i)[1]);
            }
        }
        if (!Jsonc.parse(out).equals(expected)) throw new Jsonc.Malformed("the edit did not take");
        return out;
    }

    /** Takes out {@code [from, to)} with the comma after it (else the one before it) and the line it leaves blank. */
    private static String cut(String t, int from, int to) {
        int after = skipBlank(t, to);
        if (after < t.length() && t.charAt(after) == ',') {
            to = after + 1;
            while (to < t.length() && (t.charAt(to) == ' ' || t.charAt(to) == '\t')) to++;
        } else {
            int before = lastSignificant(t, 0, from);
            if (before >= 0 && t.charAt(before) == ',') from = before;
        }
        String out = t.substring(0, from) + t.substring(to);
        // A line holding nothing but blanks now goes with it.
        int ls = out.lastIndexOf('\n', Math.max(0, from - 1));
        int le = out.indexOf('\n', from);
        if (ls >= 0 && le >= 0 && out.substring(ls + 1, le).isBlank()) out = out.substring(0, ls) + out.substring(le);
        return out;
    }

    /** Start and end of each element of the array whose contents are {@code [from, to)}. */
    private static List<int[]> elements(String t, int from, int to) {
        List<int[]> out = new java.util.ArrayList<>();
        int i = skipBlank(t, from);
        while (i < to) {
            int end = valueEnd(t, i);
            out.add(new int[] {i, end});
            i = skipBlank(t, end);
            if (i < to && t.charAt(i) == ',') i = skipBlank(t, i + 1);
        }
        return out;
    }

    /** The index of the last character in {@code [from, to)} that is neither blank nor inside a comment; -1 when none. */
    private static int lastSignificant(String t, int from, int to) {
        int last = -1;
        int i = from;
        while (i < to) {
            int j = skipBlank(t, i);
            if (j >= to) break;
            if (t.charAt(j) == '"') {
                i = stringEnd(t, j);
                last = i - 1;
            } else {
                last = j;
                i = j + 1;
            }
        }
        return last;
    }

    /** The end of the JSON value starting at {@code i}: a string, a literal, or a bracketed object or array. */
    private static int valueEnd(String t, int i) {
        char c = t.charAt(i);
        if (c == '"') return stringEnd(t, i);
        if (c != '{' && c != '[') {
            int e = i;
            while (e < t.length() && ",}]/ \t\r\n".indexOf(t.charAt(e)) < 0) e++;
            return e;
        }
        int depth = 0;
        int j = i;
        while (j < t.length()) {
            int k = skipBlank(t, j);
            if (k >= t.length()) return k;
            char d = t.charAt(k);
            if (d == '"') {
                j = stringEnd(t, k);
                continue;
            }
            if (d == '{' || d == '[') depth++;
            if (d == '}' || d == ']') depth--;
            j = k + 1;
            if (depth == 0) return j;
        }
        return j;
    }

    /** A top-level member: start of its key, end of its key, start and end of its value; null when absent. */
    private static int[] memberOf(String t, String key) {
        int[] v = valueOf(t, key);
        if (v == null) return null;
        int keyEnd = t.lastIndexOf(':', v[0]);
        int keyStart = t.lastIndexOf('"', t.lastIndexOf('"', keyEnd) - 1);
        return new int[] {keyStart, keyEnd, v[0], valueEnd(t, v[0])};
    }

    private static String lineIndent(String t, int at) {
        int s = t.lastIndexOf('\n', at) + 1;
        int e = s;
        while (e < at && (t.charAt(e) == ' ' || t.charAt(e) == '\t')) e++;
        return t.substring(s, e);
    }

    /** Start and end of the value token of a top-level {@code key}, when it is a string or a literal; null when absent. */
    private static int[] valueOf(String t, String key) {
        int depth = 0;
        int i = 0;
        boolean expectKey = false;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '/' && i + 1 < t.length() && t.charAt(i + 1) == '/') {
                i = lineEnd(t, i);
            } else if (c == '/' && i + 1 < t.length() && t.charAt(i + 1) == '*') {
                int end = t.indexOf("*/", i + 2);
                i = end < 0 ? t.length() : end + 2;
            } else if (c == '"') {
                int end = stringEnd(t, i);
                if (depth == 1 && expectKey) {
                    String name = Jsonc.parseQuietly(t.substring(i, end));
                    int colon = skipBlank(t, end);
                    if (key.equals(name) && colon < t.length() && t.charAt(colon) == ':') {
                        int v = skipBlank(t, colon + 1);
                        if (v < t.length() && t.charAt(v) == '"') return new int[] {v, stringEnd(t, v)};
                        int e = v;
                        while (e < t.length() && ",}/ \t\r\n".indexOf(t.charAt(e)) < 0) e++;
                        return new int[] {v, e};
                    }
                }
                expectKey = false;
                i = end;
            } else {
                if (c == '{' || c == '[') depth++;
                if (c == '}' || c == ']') depth--;
                if ((c == '{' && depth == 1) || (c == ',' && depth == 1)) expectKey = true;
                i++;
            }
        }
        return null;
    }

    private static int skipBlank(String t, int i) {
        while (i < t.length()) {
            char c = t.charAt(i);
            if (Character.isWhitespace(c)) i++;
            else if (t.startsWith("//", i)) i = lineEnd(t, i);
            else if (t.startsWith("/*", i)) {
                int end = t.indexOf("*/", i + 2);
                i = end < 0 ? t.length() : end + 2;
            } else break;
        }
        return i;
    }

    private static int lineEnd(String t, int i) {
        int nl = t.indexOf('\n', i);
        return nl < 0 ? t.length() : nl;
    }

    /** The index just after the string starting at {@code i}. */
    private static int stringEnd(String t, int i) {
        int j = i + 1;
        while (j < t.length() && t.charAt(j) != '"') j += t.charAt(j) == '\\' ? 2 : 1;
        return Math.min(j + 1, t.length());
    }

    private static int firstBrace(String t) {
        return t.indexOf('{', skipBlank(t, 0));
    }

    private static String indentOfFirstMember(String t, int open) {
        int i = open + 1;
        while (true) {
            int nl = t.indexOf('\n', i);
            if (nl < 0) return "  ";
            int s = nl + 1;
            int e = s;
            while (e < t.length() && (t.charAt(e) == ' ' || t.charAt(e) == '\t')) e++;
            if (e < t.length() && t.charAt(e) != '\n' && t.charAt(e) != '}') return t.substring(s, e);
            if (e >= t.length() || t.charAt(e) == '}') return "  ";
            i = e;
        }
    }
}
