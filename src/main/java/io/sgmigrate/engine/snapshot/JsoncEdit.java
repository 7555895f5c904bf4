package io.sgmigrate.engine.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

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
