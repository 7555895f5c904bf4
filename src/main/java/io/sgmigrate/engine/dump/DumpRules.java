package io.sgmigrate.engine.dump;

import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.dump.DumpLexer.Item;
import io.sgmigrate.engine.dump.SqlTokens.Kind;
import io.sgmigrate.engine.dump.SqlTokens.Token;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What one top-level statement or meta-command of a dump is, for the filter and the scanner alike: which rule
 * neutralises it (if any), which database it connects to or names, which table it creates or copies into.
 */
final class DumpRules {
    static final String CREATE_DATABASE = "CREATE DATABASE";
    static final String DROP_DATABASE = "DROP DATABASE";
    static final String ALTER_DATABASE = "ALTER DATABASE";
    static final String COMMENT_ON_DATABASE = "COMMENT ON DATABASE";
    static final String GRANT_ON_DATABASE = "GRANT ON DATABASE";
    static final String REVOKE_ON_DATABASE = "REVOKE ON DATABASE";
    static final String CONNECT = "\\connect";
    static final String RESTRICT = "\\restrict";
    static final String UNRESTRICT = "\\unrestrict";
    static final String GRANT_TO_OTHERS = "GRANT to other roles";
    static final String REVOKE_FROM_OTHERS = "REVOKE from other roles";
    static final String TRANSACTION_TIMEOUT = "SET transaction_timeout";
    static final String OWNER_TO = "OWNER TO ";

    private static final Set<String> ROLE_KEYWORDS = Set.of("current_user", "session_user", "current_role");

    /**
     * One item, read. {@code connect}: a {@code \connect} line, to {@code connectTo} (null: the same database);
     * {@code database}: the database a statement names (CREATE/DROP/ALTER/COMMENT ON/GRANT ON DATABASE).
     */
    record Facts(String rule, boolean connect, String connectTo, String database, String createdTable,
                 String copyTable, List<String> copyColumns) {
        static final Facts NONE = new Facts(null, false, null, null, null, null, List.of());

        static Facts rule(String rule) {
            return new Facts(rule, false, null, null, null, null, List.of());
        }

        static Facts database(String rule, String database) {
            return new Facts(rule, false, null, database, null, null, List.of());
        }
    }

    private final String user;

    DumpRules(String targetUser) {
        this.user = Objects.requireNonNull(targetUser, "targetUser");
        if (targetUser.isBlank()) throw new IllegalArgumentException("targetUser is blank");
    }

    Facts facts(byte[] bytes, Item item) {
        if (item.meta()) return meta(text(bytes, item));
        List<String> head = item.head();
        String w0 = head.isEmpty() ? "" : head.get(0);
        String w1 = head.size() > 1 ? head.get(1) : "";
        boolean worthReading = switch (w0) {
            case "ALTER", "GRANT", "REVOKE", "SET", "COPY" -> true;
            case "CREATE" -> Set.of("DATABASE", "ROLE", "USER", "TABLE", "UNLOGGED", "TEMP", "TEMPORARY", "GLOBAL", "LOCAL").contains(w1);
            case "DROP" -> w1.equals("DATABASE") || w1.equals("ROLE");
            case "COMMENT" -> head.size() > 2 && head.get(2).equals("DATABASE");
            default -> false;
        };
        if (!worthReading) return Facts.NONE;
        return statement(SqlTokens.of(text(bytes, item)), item.copy());
    }

    private static String text(byte[] bytes, Item item) {
        return new String(bytes, item.start(), item.end() - item.start(), StandardCharsets.UTF_8);
    }

    private Facts meta(String line) {
        int i = 1;
        while (i < line.length() && !Character.isWhitespace(line.charAt(i))) i++;
        String command = line.substring(1, i);
        return switch (command) {
            case "connect", "c" -> new Facts(CONNECT, true, connectTarget(line.substring(i)), null, null, null, List.of());
            case "restrict" -> Facts.rule(RESTRICT);
            case "unrestrict" -> Facts.rule(UNRESTRICT);
            case "encoding" -> Facts.NONE;
            // pg_dump and pg_dumpall write no other: \! runs a shell, \o and \w write files, \i and \copy read them.
            default -> throw Problem.of(Problem.Kind.INPUT, "dump.psqlCommand", shown(line));
        };
    }

    private Facts statement(List<Token> t, boolean copy) {
        Token a = at(t, 0);
        Token b = at(t, 1);
        if (a.is("COPY") && copy) return copy(t);
        // COPY ... PROGRAM runs a command on the server as its superuser, COPY with a file name reads or writes its files.
        if (a.is("COPY") && t.stream().anyMatch(x -> x.is("PROGRAM") || x.kind() == Kind.STRING && fileOf(t, x))) {
            throw Problem.of(Problem.Kind.INPUT, "dump.copyOutside", shown(text(t)));
        }
        if (b.is("DATABASE") && (a.is("CREATE") || a.is("ALTER"))) {
            return Facts.database(a.is("CREATE") ? CREATE_DATABASE : ALTER_DATABASE, nameAt(t, 2));
        }
        if (a.is("DROP") && b.is("DATABASE")) {
            int i = at(t, 2).is("IF") && at(t, 3).is("EXISTS") ? 4 : 2;
            return Facts.database(DROP_DATABASE, nameAt(t, i));
        }
        if (a.is("COMMENT") && b.is("ON") && at(t, 2).is("DATABASE")) return Facts.database(COMMENT_ON_DATABASE, nameAt(t, 3));
        if ((a.is("CREATE") || a.is("ALTER") || a.is("DROP")) && b.is("ROLE")) return Facts.rule(a.text().toUpperCase(Locale.ROOT) + " ROLE");
        if ((a.is("CREATE") || a.is("ALTER")) && b.is("USER") && !(at(t, 2).is("MAPPING") && (at(t, 3).is("FOR") || at(t, 3).is("IF")))) {
            return Facts.rule(a.text().toUpperCase(Locale.ROOT) + " USER");
        }
        if (a.is("SET")) {
            int i = at(t, 1).is("SESSION") || at(t, 1).is("LOCAL") ? 2 : 1;
            return at(t, i).is("transaction_timeout") ? Facts.rule(TRANSACTION_TIMEOUT) : Facts.NONE;
        }
        if (a.is("GRANT") || a.is("REVOKE")) return grant(t, a.is("GRANT"));
        if (a.is("ALTER")) {
            String owner = ownerTo(t);
            return owner == null || owner.equals(user) ? Facts.NONE : Facts.rule(OWNER_TO + owner);
        }
        if (a.is("CREATE")) {
            int i = 1;
            while (at(t, i).is("GLOBAL") || at(t, i).is("LOCAL") || at(t, i).is("TEMP") || at(t, i).is("TEMPORARY") || at(t, i).is("UNLOGGED")) i++;
            if (!at(t, i).is("TABLE")) return Facts.NONE;
            i++;
            if (at(t, i).is("IF") && at(t, i + 1).is("NOT") && at(t, i + 2).is("EXISTS")) i += 3;
            String table = qualifiedName(t, i);
            return table == null ? Facts.NONE : new Facts(null, false, null, null, table, null, List.of());
        }
        return Facts.NONE;
    }

    /** COPY schema.table (a, b) FROM stdin: the table and its column list (empty when the statement has none). */
    /** Whether string {@code x} is what COPY reads from or writes to (right after FROM or TO). */
    private static boolean fileOf(List<Token> t, Token x) {
        int i = t.indexOf(x);
        return i > 0 && (t.get(i - 1).is("FROM") || t.get(i - 1).is("TO"));
    }

    private static String text(List<Token> t) {
        return String.join(" ", t.stream().map(Token::text).toList());
    }

    /** A line of a dump as an error shows it: printable, at most 120 characters. */
    private static String shown(String line) {
        String l = line.strip().replaceAll("[^\\x20-\\x7e]", "?");
        return l.length() > 120 ? l.substring(0, 120) + "..." : l;
    }

    private static Facts copy(List<Token> t) {
        String table = qualifiedName(t, 1);
        int i = 1;
        while (i < t.size() && !t.get(i).isSymbol("(") && !t.get(i).is("FROM")) i++;
        List<String> columns = new ArrayList<>();
        if (at(t, i).isSymbol("(")) {
            for (i++; i < t.size() && !t.get(i).isSymbol(")"); i++) {
                if (t.get(i).isName()) columns.add(t.get(i).name());
            }
        }
        return new Facts(null, false, null, null, null, table, List.copyOf(columns));
    }

    /** GRANT/REVOKE naming a role other than PUBLIC and the target user: as grantee, granted role or grantor. */
    private Facts grant(List<Token> t, boolean grant) {
        int depth = 0;
        int on = -1;
        int to = -1;
        for (int i = 1; i < t.size() && to < 0; i++) {
            Token k = t.get(i);
            if (k.isSymbol("(")) depth++;
            else if (k.isSymbol(")")) depth--;
            else if (depth == 0 && k.is("ON") && on < 0) on = i;
            else if (depth == 0 && k.is(grant ? "TO" : "FROM")) to = i;
        }
        if (to < 0) return Facts.NONE;
        List<Token> roles = new ArrayList<>();
        if (on < 0) {                                   // role membership: the granted roles are roles too
            int i = 1;
            if (!grant && at(t, i + 1).is("OPTION") && at(t, i + 2).is("FOR")) i += 3;
            for (; i < to; i++) if (t.get(i).isName()) roles.add(t.get(i));
        }
        for (int i = to + 1; i < t.size(); i++) {
            Token k = t.get(i);
            if (k.is("WITH") || k.is("GRANTED") || k.is("CASCADE") || k.is("RESTRICT") || k.isSymbol(";")) break;
            if (k.isName() && !k.is("GROUP")) roles.add(k);
        }
        for (int i = to + 1; i < t.size(); i++) {
            if (t.get(i).is("GRANTED") && at(t, i + 1).is("BY")) roles.add(at(t, i + 2));
        }
        boolean others = roles.stream().anyMatch(r -> !r.is("PUBLIC") && !isSessionRole(r) && !r.name().equals(user));
        if (on >= 0 && at(t, on + 1).is("DATABASE")) {
            return Facts.database(grant ? GRANT_ON_DATABASE : REVOKE_ON_DATABASE, nameAt(t, on + 2));
        }
        if (!others) return Facts.NONE;
        return Facts.rule(grant ? GRANT_TO_OTHERS : REVOKE_FROM_OTHERS);
    }

    /** The role of a trailing {@code OWNER TO role}, or null (none, or CURRENT_USER and the like). */
    private static String ownerTo(List<Token> t) {
        int end = t.size();
        if (end > 0 && t.get(end - 1).isSymbol(";")) end--;
        if (end < 3 || !t.get(end - 3).is("OWNER") || !t.get(end - 2).is("TO")) return null;
        Token role = t.get(end - 1);
        if (!role.isName() || isSessionRole(role)) return null;
        return role.name();
    }

    private static boolean isSessionRole(Token r) {
        return r.kind() == Kind.WORD && ROLE_KEYWORDS.contains(r.name());
    }

    private static Token at(List<Token> t, int i) {
        return i < t.size() ? t.get(i) : new Token(Kind.SYMBOL, "");
    }

    private static String nameAt(List<Token> t, int i) {
        Token k = at(t, i);
        return k.isName() ? k.name() : null;
    }

    /** {@code "public"."my table"} gives {@code public.my table}. */
    static String qualifiedName(List<Token> t, int i) {
        if (!at(t, i).isName()) return null;
        StringBuilder out = new StringBuilder(t.get(i).name());
        while (at(t, i + 1).isSymbol(".") && at(t, i + 2).isName()) {
            out.append('.').append(t.get(i + 2).name());
            i += 2;
        }
        return out.toString();
    }

    /**
     * The database of psql's {@code \connect [-reuse-previous=on|off] [dbname [user] [host] [port]] | conninfo},
     * or null when it keeps the current one ({@code -} or no argument).
     */
    static String connectTarget(String args) {
        List<String> words = psqlArguments(args);
        int i = 0;
        while (i < words.size() && words.get(i).startsWith("-reuse-previous")) i++;
        if (i == words.size()) return null;
        String a = words.get(i);
        if (a.startsWith("postgresql://") || a.startsWith("postgres://")) return uriDatabase(a);
        if (a.contains("=")) return conninfoDatabase(a);
        return a.equals("-") ? null : a;
    }

    /** psql's argument splitting: whitespace apart, "double" (with "" inside) and 'single' quotes removed. */
    private static List<String> psqlArguments(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(s.charAt(i))) i++;
            if (i == n) break;
            StringBuilder w = new StringBuilder();
            while (i < n && !Character.isWhitespace(s.charAt(i))) {
                char c = s.charAt(i++);
                if (c == '"' || c == '\'') {
                    while (i < n) {
                        char d = s.charAt(i++);
                        if (d == c) {
                            if (i < n && s.charAt(i) == c) w.append(s.charAt(i++));
                            else break;
                        } else if (c == '\'' && d == '\\' && i < n) {
                            w.append(s.charAt(i++));
                        } else {
                            w.append(d);
                        }
                    }
                } else {
                    w.append(c);
                }
            }
            out.add(w.toString());
        }
        return out;
    }

    /** {@code host=h dbname='it\'s'}: libpq's key = value list, values 'quoted' with backslash escapes or bare. */
    private static String conninfoDatabase(String s) {
        int i = 0;
        int n = s.length();
        String found = null;
        while (i < n) {
            while (i < n && Character.isWhitespace(s.charAt(i))) i++;
            int k = i;
            while (i < n && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i))) i++;
            String key = s.substring(k, i);
            while (i < n && Character.isWhitespace(s.charAt(i))) i++;
            if (i >= n || s.charAt(i) != '=') break;
            i++;
            while (i < n && Character.isWhitespace(s.charAt(i))) i++;
            StringBuilder v = new StringBuilder();
            if (i < n && s.charAt(i) == '\'') {
                i++;
                while (i < n && s.charAt(i) != '\'') {
                    if (s.charAt(i) == '\\' && i + 1 < n) i++;
                    v.append(s.charAt(i++));
                }
                i++;
            } else {
                while (i < n && !Character.isWhitespace(s.charAt(i))) {
                    if (s.charAt(i) == '\\' && i + 1 < n) i++;
                    v.append(s.charAt(i++));
                }
            }
            if (key.equals("dbname")) found = v.toString();
        }
        return found;
    }

    private static String uriDatabase(String uri) {
        int slash = uri.indexOf('/', uri.indexOf("//") + 2);
        if (slash < 0) return null;
        int q = uri.indexOf('?', slash);
        String path = uri.substring(slash + 1, q < 0 ? uri.length() : q);
        return path.isEmpty() ? null : java.net.URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
