package io.sgmigrate.engine.dump;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One row of COPY text format: fields apart on tabs, backslash escapes decoded, {@code \N} as null. */
final class CopyText {
    private CopyText() {}

    static List<String> fields(byte[] line, int len) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= len; i++) {
            if (i < len && line[i] != '\t') continue;
            out.add(field(line, from, i));
            from = i + 1;
        }
        return out;
    }

    private static String field(byte[] b, int from, int to) {
        if (to - from == 2 && b[from] == '\\' && b[from + 1] == 'N') return null;
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c != '\\' || i + 1 == to) {
                out.write(c);
                continue;
            }
            byte e = b[++i];
            switch (e) {
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'v' -> out.write(0x0b);
                case 'x' -> {
                    int v = 0;
                    int digits = 0;
                    while (digits < 2 && i + 1 < to && Character.digit(b[i + 1], 16) >= 0) {
                        v = v * 16 + Character.digit(b[++i], 16);
                        digits++;
                    }
                    out.write(digits == 0 ? 'x' : v);
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        for (int d = 0; d < 2 && i + 1 < to && b[i + 1] >= '0' && b[i + 1] <= '7'; d++) v = v * 8 + (b[++i] - '0');
                        out.write(v & 0xff);
                    } else {
                        out.write(e);
                    }
                }
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
