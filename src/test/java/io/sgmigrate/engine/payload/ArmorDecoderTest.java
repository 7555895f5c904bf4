package io.sgmigrate.engine.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.junit.jupiter.api.Test;

class ArmorDecoderTest {
    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        if (n > 0) b[0] = (byte) 0xC8; // a packet tag that Bouncy Castle armors as a MESSAGE
        return b;
    }

    /** {@code data} armored as Bouncy Castle writes it (a Version header, 64-character lines, a CRC-24 line). */
    private static String armored(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream a = ArmoredOutputStream.builder().setVersion("test").build(out)) {
            a.write(data);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static byte[] decoded(String text) throws IOException {
        return decoded(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] decoded(byte[] text) throws IOException {
        try (InputStream in = new ArmorDecoder(new BufferedInputStream(new ByteArrayInputStream(text), 1 << 16))) {
            return in.readAllBytes();
        }
    }

    @Test
    void decodesWhatBouncyCastleArmorsAtEverySizeAroundTheBufferAndBase64Groups() throws IOException {
        for (int n : new int[] {1, 2, 3, 4, 47, 48, 49, 49151, 49152, 49153, 65535, 65536, 65537, 300_001}) {
            byte[] data = random(n, n);
            String text = armored(data);
            assertArrayEquals(data, decoded(text), "size " + n);
            assertArrayEquals(data, decoded(text.replace("\n", "\r\n")), "CRLF lines, size " + n);
            try (InputStream bc = new ArmoredInputStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)))) {
                assertArrayEquals(bc.readAllBytes(), decoded(text), "the same bytes as Bouncy Castle's reader, size " + n);
            }
        }
    }

    @Test
    void readsByteByByteAsPacketParsersDo() throws IOException {
        byte[] data = random(1000, 7);
        try (InputStream in = new ArmorDecoder(new BufferedInputStream(new ByteArrayInputStream(armored(data).getBytes(StandardCharsets.US_ASCII))))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int b; (b = in.read()) != -1; ) out.write(b);
            assertArrayEquals(data, out.toByteArray());
        }
    }

    @Test
    void acceptsNoChecksumLongLinesBlanksBeforeAndAByteOrderMark() throws IOException {
        byte[] data = random(5000, 3);
        String text = armored(data);
        String noCrc = text.replaceAll("(?m)^=[A-Za-z0-9+/]{4}\\r?\\n", "");
        assertFalse(noCrc.equals(text), "the checksum line was there to remove");
        assertArrayEquals(data, decoded(noCrc), "RFC 9580 makes the checksum optional");
        String oneLine = text.substring(0, text.indexOf("\n\n") + 2) + java.util.Base64.getEncoder().encodeToString(data) + "\n" + ArmorDecoder.END + "\n";
        assertArrayEquals(data, decoded(oneLine), "a body on one line");
        assertArrayEquals(data, decoded("\n\n" + text), "blank lines before the begin line");
        byte[] bom = ("\u00ef\u00bb\u00bf" + text).getBytes(StandardCharsets.ISO_8859_1);
        assertArrayEquals(data, decoded(bom));
        assertArrayEquals(data, decoded(text.replace("\n", " \t\n")), "blanks at line ends");
    }

    @Test
    void leavesEverythingAfterTheEndLineUnread() throws IOException {
        byte[] data = random(70_000, 11);
        byte[] text = (armored(data) + "trailing bytes").getBytes(StandardCharsets.US_ASCII);
        BufferedInputStream under = new BufferedInputStream(new ByteArrayInputStream(text), 1 << 16);
        try (InputStream in = new ArmorDecoder(under)) {
            assertArrayEquals(data, in.readAllBytes());
            assertEquals("trailing bytes", new String(under.readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aChangedCharacterFailsTheChecksum() throws IOException {
        String text = armored(random(3000, 5));
        int body = text.indexOf("\n\n") + 2;
        char c = text.charAt(body + 10);
        String flipped = text.substring(0, body + 10) + (c == 'A' ? 'B' : 'A') + text.substring(body + 11);
        IOException e = assertThrows(IOException.class, () -> decoded(flipped));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        String crc = text.replaceAll("(?m)^=([A-Za-z0-9+/]{4})", "=AAAA");
        assertThrows(IOException.class, () -> decoded(crc));
    }

    @Test
    void damageIsAnIoErrorAndAMissingEndIsAnEndOfFile() throws IOException {
        String text = armored(random(3000, 9));
        int body = text.indexOf("\n\n") + 2;
        assertTrue(assertThrows(IOException.class, () -> decoded(text.substring(0, body + 5) + "*" + text.substring(body + 6)))
                .getMessage().contains("not base64"));
        assertThrows(EOFException.class, () -> decoded(text.substring(0, text.length() / 2)), "cut in its body");
        assertThrows(EOFException.class, () -> decoded(text.substring(0, text.indexOf(ArmorDecoder.END))), "cut before its end line");
        assertThrows(IOException.class, () -> decoded(text.replace(ArmorDecoder.END, "-----END PGP SIGNATURE-----")));
        assertThrows(IOException.class, () -> decoded(text.replace(ArmorDecoder.BEGIN, "-----BEGIN PGP PUBLIC KEY BLOCK-----")));
        assertThrows(IOException.class, () -> decoded(text.replace("Version: test", "no colon here")));
        String tooLong = ArmorDecoder.BEGIN + "\nComment: " + "x".repeat(10_000) + "\n\n";
        assertThrows(IOException.class, () -> decoded(tooLong));
        String oddGroup = ArmorDecoder.BEGIN + "\n\nQUJD\nRA\n" + ArmorDecoder.END + "\n";
        assertThrows(IOException.class, () -> decoded(oddGroup), "a base64 group cut short without padding");
        String afterPadding = ArmorDecoder.BEGIN + "\n\nQUI=QUJD\n" + ArmorDecoder.END + "\n";
        assertThrows(IOException.class, () -> decoded(afterPadding));
        assertArrayEquals("AB".getBytes(StandardCharsets.US_ASCII), decoded(ArmorDecoder.BEGIN + "\n\nQUI=\n" + ArmorDecoder.END + "\n"));
    }

    @Test
    void crc24IsRfc9580s() {
        // RFC 4880's reference implementation over "123456789" gives 0x21CF02.
        assertEquals(0x21CF02, ArmorDecoder.Crc24.update(0xB704CE, "123456789".getBytes(StandardCharsets.US_ASCII), 0, 9));
    }
}
