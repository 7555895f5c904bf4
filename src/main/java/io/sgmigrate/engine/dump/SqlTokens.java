package io.sgmigrate.engine.dump;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The tokens of one SQL statement, comments dropped: enough to read the few statements the rules look at. */
final class SqlTokens {
    enum Kind { WORD, QUOTED, STRING, SYMBOL }

    record Token(Kind kind, String text) {
        boolean is(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }

        boolean isSymbol(String s) {
            return kind == Kind.SYMBOL && text.equals(s);
        }

        boolean isName() {
            return kind == Kind.WORD || kind == Kind.QUOTED;
        }

        /** The name as PostgreSQL reads it: unquoted ones fold to lower case. */
        String name() {
            return kind == Kind.WORD ? text.toLowerCase(Locale.ROOT) : text;
        }
    }

    private SqlTokens() {}

    static List<Token> of(String sql) {
        List<Token> out = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = skipBlockComment(sql, i);
            } else if (c == '\'') {
                i = string(sql, i, false, out);
            } else if (c == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (i < n) {
                    char d = sql.charAt(i++);
                    if (d != '"') b.append(d);
                    else if (i < n && sql.charAt(i) == '"') b.append(sql.charAt(i++));
                    else break;
                }
                out.add(new Token(Kind.QUOTED, b.toString()));
            } else if (c == '$' && i + 1 < n && !Character.isDigit(sql.charAt(i + 1))) {
                int close = sql.indexOf('$', i + 1);
                String tag = close < 0 ? null : sql.substring(i, close + 1);
                if (tag != null && tag.chars().skip(1).limit(tag.length() - 2L).allMatch(SqlTokens::identPart)) {
                    int endTag = sql.indexOf(tag, close + 1);
                    int stop = endTag < 0 ? n : endTag + tag.length();
                    out.add(new Token(Kind.STRING, sql.substring(close + 1, endTag < 0 ? n : endTag)));
                    i = stop;
                } else {
                    out.add(new Token(Kind.SYMBOL, "$"));
                    i++;
                }
            } else if (identStart(c)) {
                int s = i;
                while (i < n && identPart(sql.charAt(i))) i++;
                String w = sql.substring(s, i);
                if (i < n && sql.charAt(i) == '\'' && w.equalsIgnoreCase("E")) i = string(sql, i, true, out);
                else out.add(new Token(Kind.WORD, w));
            } else if (Character.isDigit(c)) {
                int s = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) i++;
                out.add(new Token(Kind.SYMBOL, sql.substring(s, i)));
            } else {
                out.add(new Token(Kind.SYMBOL, String.valueOf(c)));
                i++;
            }
        }
        return out;
    }

    private static int string(String sql, int i, boolean escapes, List<Token> out) {
        StringBuilder b = new StringBuilder();
        int n = sql.length();
        i++;
        while (i < n) {
            char d = sql.charAt(i++);
            if (escapes && d == '\\' && i < n) {
                b.append(sql.charAt(i++));
            } else if (d == '\'') {
                if (i < n && sql.charAt(i) == '\'') b.append(sql.charAt(i++));
                else break;
            } else {
                b.append(d);
            }
        }
        out.add(new Token(Kind.STRING, b.toString()));
        return i;
    }

    private static int skipBlockComment(String sql, int i) {
        int depth = 0;
        int n = sql.length();
        while (i < n) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                i += 2;
                if (--depth == 0) return i;
            } else {
                i++;
            }
        }
        return n;
    }

    private static boolean identStart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static boolean identPart(int c) {
        return identStart(c) || (c >= '0' && c <= '9') || c == '$';
    }
}
