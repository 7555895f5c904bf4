package io.sgmigrate.engine.dump;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a plain-SQL dump, on bytes, the way psql reads it: whole lines of SQL (held until no statement is open,
 * with each statement and meta-command located in them) and COPY data (passed on as it comes, up to the
 * {@code \.} line). Quotes, dollar quotes, comments, parentheses and {@code BEGIN ... END} routine bodies
 * are tracked so that a {@code ;} or a backslash inside them is not taken for the end of a statement.
 */
final class DumpLexer {
    static final int DEFAULT_MAX_HELD = 64 << 20;

    /**
     * A statement (up to and with its {@code ;}) or a meta-command line (without its newline), located in the
     * held bytes; {@code head} is its first words in upper case (quoted names are not words).
     */
    record Item(int start, int end, boolean meta, boolean copy, List<String> head) {}

    interface Listener {
        /** Whole lines of SQL, with the items in them in order. */
        void lines(byte[] bytes, int length, List<Item> items) throws IOException;

        /** Lines too long to hold: passed on unread, in pieces. */
        void passThrough(byte[] b, int off, int len) throws IOException;

        /** Bytes of COPY data, the {@code \.} line included. */
        void copyData(byte[] b, int off, int len) throws IOException;

        /** The {@code \.} line was passed: the block had {@code rows} rows. */
        void copyEnd(long rows) throws IOException;
    }

    private enum State { NORMAL, SQUOTE, SQUOTE_END, DQUOTE, DOLLAR_TAG, DOLLAR_BODY, LINE_COMMENT, BLOCK_COMMENT, META }

    private static final int UNLOCATED = -1;
    private static final int MAX_WORD = 32;
    private static final int HEAD_WORDS = 4;

    private final Listener listener;
    private final int maxHeld;
    private byte[] held = new byte[8192];
    private int len;
    private boolean overflow;                 // the lines now open outgrew maxHeld and are passed through
    private final List<Item> items = new ArrayList<>();

    private State state = State.NORMAL;
    private byte pending;                     // '-' or '/' that may open a comment, decided by the next byte
    private int pendingPos;
    private boolean escapeString;
    private boolean backslash;
    private int commentDepth;
    private byte commentPrev;
    private byte[] tag = new byte[16];
    private int tagLen;
    private int tagMatched;                   // bytes of the closing $tag$ seen so far
    private int metaStart;

    private boolean inStatement;
    private int statementStart;
    private final StringBuilder word = new StringBuilder();
    private boolean inWord;
    private final List<String> head = new ArrayList<>(HEAD_WORDS);
    private String lastWord;
    private int parenDepth;
    private int beginDepth;
    private boolean fromStdin;
    private boolean copyNext;                 // a COPY ... FROM stdin ended: its data starts on the next line

    private boolean inCopy;
    private long rows;
    private int lineLen;                      // of the current COPY line, capped at 3: only "is it 2?" matters
    private byte first;
    private byte second;

    DumpLexer(Listener listener, int maxHeld) {
        this.listener = listener;
        this.maxHeld = maxHeld;
    }

    boolean inCopy() {
        return inCopy;
    }

    void write(byte[] b, int off, int n) throws IOException {
        int i = off;
        int end = off + n;
        while (i < end) i = inCopy ? copy(b, i, end) : sql(b, i, end);
    }

    /** The end of the stream: what is held goes out, an unfinished statement or meta-command as an item. */
    void finish() throws IOException {
        if (inCopy) return;
        if (state == State.NORMAL && pending != 0) {
            significant(pendingPos);
            pending = 0;
        }
        if (!overflow) {
            if (state == State.META) items.add(new Item(metaStart, len, true, false, List.of()));
            else if (inStatement && statementStart != UNLOCATED) items.add(new Item(statementStart, len, false, false, List.copyOf(head)));
            if (len > 0 || !items.isEmpty()) releaseHeld();
        }
        inStatement = false;
        state = State.NORMAL;
    }

    private int sql(byte[] b, int i, int end) throws IOException {
        int passFrom = i;
        while (i < end) {
            byte c = b[i++];
            if (!overflow) {
                if (len == maxHeld) {
                    listener.passThrough(held, 0, len);
                    len = 0;
                    items.clear();
                    overflow = true;
                    statementStart = UNLOCATED;
                    pendingPos = UNLOCATED;
                    metaStart = UNLOCATED;
                    passFrom = i - 1;
                } else {
                    if (len == held.length) held = java.util.Arrays.copyOf(held, (int) Math.min((long) held.length * 2, maxHeld));
                    held[len++] = c;
                }
            }
            if (step(c, overflow ? UNLOCATED : len - 1)) {
                if (overflow) {
                    listener.passThrough(b, passFrom, i - passFrom);
                    overflow = false;
                } else {
                    releaseHeld();
                }
                passFrom = i;
                if (copyNext) {
                    copyNext = false;
                    inCopy = true;
                    rows = 0;
                    lineLen = 0;
                    return i;
                }
            }
        }
        if (overflow && i > passFrom) listener.passThrough(b, passFrom, i - passFrom);
        return i;
    }

    private void releaseHeld() throws IOException {
        listener.lines(held, len, items);
        items.clear();
        len = 0;
        if (held.length > (1 << 20)) held = new byte[8192];
    }

    /** One byte outside COPY data at {@code pos} in the held bytes; true when it ends lines with no statement open. */
    private boolean step(byte c, int pos) {
        switch (state) {
            case NORMAL:
                return normal(c, pos);
            case SQUOTE:
                if (backslash) backslash = false;
                else if (c == '\\' && escapeString) backslash = true;
                else if (c == '\'') state = State.SQUOTE_END;
                return false;
            case SQUOTE_END:
                if (c == '\'') {              // a doubled quote: the same string goes on
                    state = State.SQUOTE;
                    return false;
                }
                state = State.NORMAL;
                return normal(c, pos);
            case DQUOTE:
                if (c == '"') state = State.NORMAL;
                return false;
            case DOLLAR_TAG:
                if (c == '$') {
                    state = State.DOLLAR_BODY;
                    tagMatched = 0;
                    return false;
                }
                if (identStart(c) || (tagLen > 0 && c >= '0' && c <= '9')) {
                    if (tagLen == tag.length) tag = java.util.Arrays.copyOf(tag, tag.length * 2);
                    tag[tagLen++] = c;
                    return false;
                }
                state = State.NORMAL;             // $1 or a lone $: not a dollar quote
                return normal(c, pos);
            case DOLLAR_BODY:
                if (c == closingByte(tagMatched)) {
                    if (++tagMatched == tagLen + 2) state = State.NORMAL;
                } else {
                    tagMatched = c == '$' ? 1 : 0;
                }
                return false;
            case LINE_COMMENT:
                if (c != '\n') return false;
                state = State.NORMAL;
                return !inStatement;
            case BLOCK_COMMENT:
                if (commentPrev == '*' && c == '/') {
                    commentPrev = 0;
                    if (--commentDepth == 0) state = State.NORMAL;
                } else if (commentPrev == '/' && c == '*') {
                    commentPrev = 0;
                    commentDepth++;
                } else {
                    commentPrev = c;
                }
                return false;
            case META:
                if (c != '\n') return false;
                state = State.NORMAL;
                if (pos != UNLOCATED && metaStart != UNLOCATED) items.add(new Item(metaStart, pos, true, false, List.of()));
                return true;
            default:
                throw new IllegalStateException();
        }
    }

    private byte closingByte(int i) {
        return i == 0 || i == tagLen + 1 ? (byte) '$' : tag[i - 1];
    }

    private boolean normal(byte c, int pos) {
        if (pending != 0) {
            byte p = pending;
            pending = 0;
            if (p == '-' && c == '-') {
                state = State.LINE_COMMENT;
                return false;
            }
            if (p == '/' && c == '*') {
                state = State.BLOCK_COMMENT;
                commentDepth = 1;
                commentPrev = 0;
                return false;
            }
            significant(pendingPos);          // it was an operator
        }
        if (inWord && identPart(c)) {
            if (word.length() < MAX_WORD + 1) word.append(upper(c));
            return false;
        }
        boolean wordWasE = inWord && word.length() == 1 && word.charAt(0) == 'E';
        endWord();
        if (identStart(c) || (c >= '0' && c <= '9')) {
            significant(pos);
            inWord = true;
            word.setLength(0);
            word.append(upper(c));
            return false;
        }
        switch (c) {
            case '-', '/' -> {
                pending = c;
                pendingPos = pos;
            }
            case '\'' -> {
                significant(pos);
                state = State.SQUOTE;
                escapeString = wordWasE;
                backslash = false;
            }
            case '"' -> {
                significant(pos);
                state = State.DQUOTE;
            }
            case '$' -> {
                significant(pos);
                state = State.DOLLAR_TAG;
                tagLen = 0;
            }
            case '(' -> {
                significant(pos);
                parenDepth++;
            }
            case ')' -> {
                significant(pos);
                if (parenDepth > 0) parenDepth--;
            }
            case ';' -> {
                significant(pos);
                if (parenDepth == 0 && beginDepth == 0) endStatement(pos);
            }
            case '\\' -> {
                if (inStatement) {
                    significant(pos);
                } else {
                    state = State.META;
                    metaStart = pos;
                }
            }
            case '\n' -> {
                return !inStatement;
            }
            case ' ', '\t', '\r', '\f' -> { }
            default -> significant(pos);
        }
        return false;
    }

    /** A byte that belongs to a statement: the first one opens it. */
    private void significant(int pos) {
        if (inStatement) return;
        inStatement = true;
        statementStart = pos;
        head.clear();
        lastWord = null;
        parenDepth = 0;
        beginDepth = 0;
        fromStdin = false;
    }

    private void endStatement(int semicolonPos) {
        boolean copy = !head.isEmpty() && head.get(0).equals("COPY") && fromStdin;
        if (statementStart != UNLOCATED && semicolonPos != UNLOCATED) {
            items.add(new Item(statementStart, semicolonPos + 1, false, copy, List.copyOf(head)));
        }
        if (copy) copyNext = true;
        inStatement = false;
    }

    private void endWord() {
        if (!inWord) return;
        inWord = false;
        String w = word.length() > MAX_WORD ? "" : word.toString();
        if (head.size() < HEAD_WORDS) head.add(w);
        if (parenDepth == 0 && routineDefinition()) {
            switch (w) {
                case "BEGIN" -> beginDepth++;
                case "CASE" -> {
                    if (beginDepth > 0) beginDepth++;   // CASE ends with END too, inside a BEGIN ATOMIC body
                }
                case "END" -> {
                    if (beginDepth > 0) beginDepth--;
                }
                default -> { }
            }
        }
        if (w.equals("STDIN") && "FROM".equals(lastWord)) fromStdin = true;
        lastWord = w;
    }

    /** CREATE [OR REPLACE] FUNCTION|PROCEDURE: its BEGIN ATOMIC ... END body holds semicolons. */
    private boolean routineDefinition() {
        if (head.size() < 2 || !head.get(0).equals("CREATE")) return false;
        String second = head.get(1);
        if (second.equals("FUNCTION") || second.equals("PROCEDURE")) return true;
        return head.size() >= 4 && second.equals("OR") && head.get(2).equals("REPLACE")
                && (head.get(3).equals("FUNCTION") || head.get(3).equals("PROCEDURE"));
    }

    private int copy(byte[] b, int i, int end) throws IOException {
        int from = i;
        while (i < end) {
            int nl = i;
            while (nl < end && b[nl] != '\n') nl++;
            int before = lineLen;
            for (int k = i, at = before; k < nl && at < 2; k++, at++) {
                if (at == 0) first = b[k];
                else second = b[k];
            }
            lineLen = (int) Math.min((long) before + (nl - i), 3);
            if (nl == end) {
                listener.copyData(b, from, end - from);
                return end;
            }
            boolean endMarker = lineLen == 2 && first == '\\' && second == '.';
            lineLen = 0;
            i = nl + 1;
            if (endMarker) {
                listener.copyData(b, from, i - from);
                inCopy = false;
                listener.copyEnd(rows);
                return i;
            }
            rows++;
        }
        if (i > from) listener.copyData(b, from, i - from);
        return i;
    }

    private static boolean identStart(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c < 0;
    }

    private static boolean identPart(byte c) {
        return identStart(c) || (c >= '0' && c <= '9') || c == '$';
    }

    private static char upper(byte c) {
        return c >= 'a' && c <= 'z' ? (char) (c - 32) : (char) (c & 0xff);
    }
}
