package io.sgmigrate.engine.payload;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The data of an ASCII-armored OpenPGP message (RFC 9580, section 6), decoded a buffer at a time: its begin line,
 * header lines, base64 body, optional CRC-24 (checked when present) and end line. Bouncy Castle's armor reader decodes
 * one byte per call and was most of a payload load's CPU. Nothing after the end line is consumed, so what follows it
 * stays the caller's to judge. Damage is an IOException; a file that ends before the end line, an EOFException.
 */
final class ArmorDecoder extends InputStream {
    static final String BEGIN = "-----BEGIN PGP MESSAGE-----";
    static final String END = "-----END PGP MESSAGE-----";
    private static final int CHUNK = 1 << 16;
    /** The begin line, header lines and the checksum and end lines are short; a longer one is not an armor's. */
    private static final int MAX_LINE = 4096;
    private static final int MAX_HEADER_LINES = 64;
    private static final byte[] SEXTET = new byte[256];

    static {
        java.util.Arrays.fill(SEXTET, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) SEXTET[alphabet.charAt(i)] = (byte) i;
    }

    private enum State { BEGIN, HEADERS, LINE_START, BODY, CHECKSUM, AFTER_CHECKSUM, END_LINE, DONE }

    private final BufferedInputStream in;
    private final byte[] text = new byte[CHUNK];
    private final byte[] data = new byte[CHUNK];
    private int dataPos;
    private int dataEnd;
    private State state = State.BEGIN;
    private final StringBuilder line = new StringBuilder();
    private int headerLines;
    private int quad;
    private int quadChars;
    private int padding;
    private int crc = 0xB704CE;
    /** Damage found in the text: thrown once the data decoded before it has been read, as a streaming reader would. */
    private IOException damage;

    /** Whether {@code head}, a file's first bytes, starts an armored message (after a byte order mark and blank lines). */
    static boolean starts(byte[] head) {
        return withoutBom(new String(head, StandardCharsets.ISO_8859_1)).stripLeading().startsWith(BEGIN);
    }

    /** {@code in} if it does not start an armored message, else its decoded data. */
    static InputStream ifArmored(BufferedInputStream in) throws IOException {
        in.mark(1024);
        byte[] head = in.readNBytes(1024);
        in.reset();
        return starts(head) ? new ArmorDecoder(in) : in;
    }

    private static String withoutBom(String s) {
        return s.startsWith("\u00ef\u00bb\u00bf") ? s.substring(3) : s;
    }

    /** {@code in} at the armor's begin line (a byte order mark and blank lines before it are passed over). */
    ArmorDecoder(BufferedInputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        return more() ? data[dataPos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (!more()) return -1;
        int n = Math.min(len, dataEnd - dataPos);
        System.arraycopy(data, dataPos, b, off, n);
        dataPos += n;
        return n;
    }

    /** Whether decoded data is there to read (decoding more text if need be); damage found before it is thrown. */
    private boolean more() throws IOException {
        while (dataPos == dataEnd) {
            if (damage != null) throw damage;
            if (state == State.DONE) return false;
            fill();
        }
        return true;
    }

    @Override
    public int available() {
        return dataEnd - dataPos;
    }

    /** Decodes the next chunk of text; at the end line, gives back to {@code in} whatever of the chunk follows it. */
    private void fill() {
        dataPos = 0;
        dataEnd = 0;
        try {
            in.mark(CHUNK);
            int n = in.read(text, 0, CHUNK);
            if (n < 0) {
                String last = line.toString().strip();
                if ((state == State.END_LINE || state == State.AFTER_CHECKSUM) && !last.isEmpty() && !END.startsWith(last)) endLine();
                else if (state == State.END_LINE && last.equals(END)) endLine();
                else throw new EOFException("the armored message ends before its end line");
                return;
            }
            int used = decode(n);
            if (state == State.DONE && used < n) {
                in.reset();
                in.skipNBytes(used);
            }
        } catch (IOException e) {
            damage = e;
        }
    }

    /** Takes text[0, n) until the end line is complete; returns how much of it was taken. */
    private int decode(int n) throws IOException {
        int i = 0;
        while (i < n && state != State.DONE) {
            if (state == State.BODY) {
                i = body(i, n);
                continue;
            }
            byte c = text[i++];
            if (state == State.LINE_START) {
                if (c == '=') state = State.CHECKSUM;
                else if (c == '-') state = State.END_LINE;
                else if (c == '\n' || c == '\r' || c == ' ' || c == '\t') continue;
                else {
                    state = State.BODY;
                    i--;
                    continue;
                }
                line.setLength(0);
                line.append((char) c);
                continue;
            }
            if (c != '\n') {
                if (line.length() >= MAX_LINE) throw new Damage("an armor line is longer than " + MAX_LINE + " characters");
                line.append((char) (c & 0xff));
                continue;
            }
            String l = line.toString().strip();
            line.setLength(0);
            switch (state) {
                case BEGIN -> {
                    l = withoutBom(l).strip();
                    if (l.isEmpty()) continue;
                    if (!l.equals(BEGIN)) throw new Damage("not an armored OpenPGP message: " + shown(l));
                    state = State.HEADERS;
                }
                case HEADERS -> {
                    if (l.isEmpty()) state = State.LINE_START;
                    else if (l.indexOf(':') < 0) throw new Damage("an armor header line without a colon: " + shown(l));
                    else if (++headerLines > MAX_HEADER_LINES) throw new Damage("more than " + MAX_HEADER_LINES + " armor header lines");
                }
                case CHECKSUM -> {
                    checksum(l);
                    state = State.AFTER_CHECKSUM;
                }
                case AFTER_CHECKSUM -> {
                    if (!l.isEmpty()) {
                        if (!l.startsWith("-")) throw new Damage("text after the armor's checksum: " + shown(l));
                        line.append(l);
                        endLine();
                    }
                }
                case END_LINE -> {
                    line.append(l);
                    endLine();
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        return i;
    }

    /** Base64 characters of the body from text[i], up to the line's end; returns where it stopped. */
    private int body(int i, int n) throws IOException {
        int q = quad;
        int k = quadChars;
        int out = dataEnd;
        while (i < n) {
            if (k == 0 && i + 4 <= n) {
                // The common case: a whole group of four base64 characters.
                int a = SEXTET[text[i] & 0xff];
                int b = SEXTET[text[i + 1] & 0xff];
                int c = SEXTET[text[i + 2] & 0xff];
                int d = SEXTET[text[i + 3] & 0xff];
                if ((a | b | c | d) >= 0 && padding == 0) {
                    int v = a << 18 | b << 12 | c << 6 | d;
                    data[out++] = (byte) (v >> 16);
                    data[out++] = (byte) (v >> 8);
                    data[out++] = (byte) v;
                    i += 4;
                    continue;
                }
            }
            int c = text[i] & 0xff;
            if (c == '\n') {
                i++;
                state = State.LINE_START;
                break;
            }
            i++;
            int s = SEXTET[c];
            if (s >= 0) {
                if (padding > 0) throw new Damage("armor data after its padding");
                q = (q << 6) | s;
                if (++k == 4) {
                    data[out++] = (byte) (q >> 16);
                    data[out++] = (byte) (q >> 8);
                    data[out++] = (byte) q;
                    q = 0;
                    k = 0;
                }
            } else if (c == '=') {
                if (k < 2 || k + ++padding > 4) throw new Damage("misplaced padding in the armor's data");
                if (k + padding == 4) {
                    q <<= 6 * padding;
                    data[out++] = (byte) (q >> 16);
                    if (padding == 1) data[out++] = (byte) (q >> 8);
                    q = 0;
                    k = 0;
                }
            } else if (c != '\r' && c != ' ' && c != '\t') {
                throw new Damage("a character that is not base64 in the armor's data: 0x" + Integer.toHexString(c));
            }
        }
        crc = Crc24.update(crc, data, dataEnd, out - dataEnd);
        quad = q;
        quadChars = k;
        dataEnd = out;
        return i;
    }

    private void checksum(String l) throws IOException {
        endOfData();
        String c = l.substring(1);
        if (c.length() != 4) throw new Damage("the armor's checksum line is not one: =" + shown(c));
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int s = SEXTET[c.charAt(i) & 0xff];
            if (s < 0 || c.charAt(i) > 0xff) throw new Damage("the armor's checksum line is not one: =" + shown(c));
            v = (v << 6) | s;
        }
        if (v != (crc & 0xFFFFFF)) throw new Damage("armor checksum mismatch: the armored text was changed");
    }

    private void endOfData() throws IOException {
        if (quadChars != 0) throw new Damage("the armor's data ends inside a base64 group");
    }

    private void endLine() throws IOException {
        String l = line.toString().strip();
        line.setLength(0);
        if (state == State.END_LINE) endOfData();
        if (!l.equals(END)) throw new Damage("not the end line of an armored message: " + shown(l));
        state = State.DONE;
    }

    private static String shown(String s) {
        String t = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        return new String(t.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.US_ASCII).replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** The armored text is not what an armor is (a file cut short is an EOFException instead). */
    static final class Damage extends IOException {
        Damage(String message) {
            super(message);
        }
    }

    /** The armor's CRC-24 (RFC 9580, section 6.1), four bytes a step: the register in an int's upper 24 bits. */
    static final class Crc24 {
        private static final int[][] T = new int[4][256];

        static {
            for (int i = 0; i < 256; i++) {
                int c = i << 24;
                for (int k = 0; k < 8; k++) c = c < 0 ? (c << 1) ^ 0x864CFB00 : c << 1;
                T[0][i] = c;
            }
            for (int t = 1; t < 4; t++) {
                for (int i = 0; i < 256; i++) T[t][i] = (T[t - 1][i] << 8) ^ T[0][T[t - 1][i] >>> 24];
            }
        }

        private Crc24() {}

        static int update(int crc, byte[] b, int off, int n) {
            int c = crc << 8;
            int i = off;
            int end = off + n;
            int[] t0 = T[0];
            int[] t1 = T[1];
            int[] t2 = T[2];
            int[] t3 = T[3];
            for (; i + 4 <= end; i += 4) {
                c ^= (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
                c = t3[c >>> 24] ^ t2[(c >>> 16) & 0xff] ^ t1[(c >>> 8) & 0xff] ^ t0[c & 0xff];
            }
            for (; i < end; i++) c = (c << 8) ^ t0[((c >>> 24) ^ b[i]) & 0xff];
            return c >>> 8;
        }
    }
}
