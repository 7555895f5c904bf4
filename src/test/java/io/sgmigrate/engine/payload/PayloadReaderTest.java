package io.sgmigrate.engine.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sgmigrate.engine.Messages;
import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.secret.Secret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reader against damaged and hand-made hostile payloads. */
class PayloadReaderTest {
    private static final String PASS = "a long random passphrase, 1234";

    // ---- M4: sinks of a payload that fails are aborted, and the payload's own error is the one told

    @Test
    void aCutOffPayloadIsReportedAsDamagedEvenWhenTheSinkFailsOnClose() throws Exception {
        byte[] payload = goodPayload();
        byte[] cut = Arrays.copyOf(payload, payload.length / 3);
        List<String> calls = new ArrayList<>();
        Problem psqlFailed = Problem.of(Problem.Kind.REMOTE_COMMAND, "migrate.restore.failed", "sourcegraph", "pgsql");
        Problem p = assertThrows(Problem.class, () -> PayloadReader.read(new ByteArrayInputStream(cut), unlock(), member -> new OutputStream() {
            @Override
            public void write(int b) {}

            @Override
            public void close() {
                calls.add("close " + member);
                // as a restore's sink does when psql rejects the cut statement
                throw psqlFailed;
            }
        }));
        assertTrue(isOneOf(p, "payload.read.corrupt", "payload.read.incomplete"), p.what());
        assertFalse(calls.isEmpty(), "a sink was open when the payload broke off");
        assertEquals(List.of(psqlFailed), Arrays.asList(p.getSuppressed()), "the sink's error is kept beside it");
    }

    @Test
    void anAbortableSinkIsAbortedAndNeverClosedWhenThePayloadBreaksOff() throws Exception {
        byte[] payload = goodPayload();
        byte[] cut = Arrays.copyOf(payload, payload.length / 3);
        List<String> calls = new ArrayList<>();
        Problem p = assertThrows(Problem.class, () -> PayloadReader.read(new ByteArrayInputStream(cut), unlock(),
                member -> new AbortableSink(member, calls)));
        assertTrue(isOneOf(p, "payload.read.corrupt", "payload.read.incomplete"), p.what());
        assertFalse(calls.isEmpty(), "a sink was open when the payload broke off");
        assertTrue(calls.stream().allMatch(c -> c.startsWith("abort ")), calls.toString());
    }

    @Test
    void aMemberWhoseChecksumDoesNotMatchIsNeverClosedThoughTheNextMemberFollows() throws Exception {
        List<Entry> parts = List.of(part("members/a/part-000001", bytes(1000, 1)), part("members/b/part-000001", bytes(1000, 2)));
        Manifest good = manifestOf(parts);
        Manifest.Member a = good.members().get(0);
        Manifest bad = withMembers(good, List.of(new Manifest.Member(a.name(), a.size(), "00".repeat(32), a.parts()), good.members().get(1)));
        List<String> calls = new ArrayList<>();
        Problem p = assertThrows(Problem.class, () -> PayloadReader.read(new ByteArrayInputStream(encrypt(tar(parts, bad))), unlock(),
                member -> new AbortableSink(member, calls)));
        assertEquals(Messages.get("payload.read.checksum.what", "a", "(whole member)"), p.what());
        assertEquals(List.of("abort a", "abort b"), calls, "a was not closed when b began, nor after its checksum failed");
    }

    @Test
    void sinksAreClosedOnlyAfterTheWholePayloadIsProven() throws Exception {
        List<Entry> parts = List.of(part("members/a/part-000001", bytes(1000, 1)), part("members/b/part-000001", bytes(1000, 2)));
        List<String> calls = new ArrayList<>();
        Manifest m = PayloadReader.read(new ByteArrayInputStream(encrypt(tar(parts, manifestOf(parts)))), unlock(), member -> {
            calls.add("open " + member);
            return new AbortableSink(member, calls);
        });
        assertEquals(2, m.members().size());
        assertEquals(List.of("open a", "open b", "close a", "close b"), calls);
    }

    @Test
    void aSinkThatCannotBeWrittenIsNotTakenForADamagedPayload() throws Exception {
        Problem p = assertThrows(Problem.class, () -> PayloadReader.read(new ByteArrayInputStream(goodPayload()), unlock(), member -> new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        }));
        assertEquals(Messages.get("payload.read.sinkFailed.what", "dumps/a.sql"), p.what());
        assertEquals("Broken pipe", p.detail());
    }

    // ---- L2: corrupt input is a Problem, never an unchecked exception

    @Test
    void aManifestWithoutMembersIsDamage() throws Exception {
        List<Entry> parts = List.of(part("members/a/part-000001", bytes(10, 1)));
        Problem p = readProblem(encrypt(tar(parts, withMembers(manifestOf(parts), null))));
        assertEquals(Messages.get("payload.read.corrupt.what"), p.what());
    }

    @Test
    void aMemberWithoutPartsIsDamage() throws Exception {
        List<Entry> parts = List.of(part("members/a/part-000001", bytes(10, 1)));
        Manifest.Member a = manifestOf(parts).members().get(0);
        Problem p = readProblem(encrypt(tar(parts, withMembers(manifestOf(parts), List.of(new Manifest.Member(a.name(), a.size(), a.sha256(), null))))));
        assertEquals(Messages.get("payload.read.corrupt.what"), p.what());
    }

    @Test
    void aManifestThatIsNullIsDamageNotAnIncompletePayload() throws Exception {
        List<Entry> entries = new ArrayList<>(List.of(part("members/a/part-000001", bytes(10, 1))));
        entries.add(new Entry(Manifest.FILE, TarArchiveEntry.LF_NORMAL, "null".getBytes(StandardCharsets.UTF_8)));
        Problem p = readProblem(encrypt(tar(entries)));
        assertEquals(Messages.get("payload.read.corrupt.what"), p.what());
    }

    @Test
    void aMemberListedTwiceInTheManifestIsDamage() throws Exception {
        List<Entry> parts = List.of(part("members/a/part-000001", bytes(10, 1)));
        Manifest.Member a = manifestOf(parts).members().get(0);
        Problem p = readProblem(encrypt(tar(parts, withMembers(manifestOf(parts), List.of(a, a)))));
        assertEquals(Messages.get("payload.read.corrupt.what"), p.what());
    }

    @Test
    void everyFlippedByteInTheHeadersIsAProblemNeverAnUncheckedException() throws Exception {
        List<Entry> parts = List.of(part("members/a/part-000001", bytes(10, 1)));
        byte[] payload = encrypt(tar(parts, manifestOf(parts)));
        Map<Integer, String> other = new LinkedHashMap<>();
        // every byte of the OpenPGP and literal packet headers, then every fifth of the first tar header
        for (int i = 0; i < 700; i += i < 200 ? 1 : 5) {
            byte[] flipped = payload.clone();
            flipped[i] ^= 0x01;
            try {
                PayloadReader.verify(new ByteArrayInputStream(flipped), unlock());
                other.put(i, "accepted");
            } catch (Problem p) {
                if (p.kind() != Problem.Kind.INPUT && p.kind() != Problem.Kind.AUTHENTICATION) other.put(i, p.kind() + ": " + p.what());
            } catch (RuntimeException e) {
                other.put(i, e.toString());
            }
        }
        assertEquals(Map.of(), other);
    }

    // ---- L3: errors that tell the real cause

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aWrongPassphraseMayAlsoBeADamagedHeader(boolean sessionKeyPacket) throws Exception {
        List<Entry> parts = List.of(part("members/a/part-000001", bytes(10, 1)));
        byte[] payload = encrypt(tar(parts, manifestOf(parts)), "payload.tar", sessionKeyPacket);
        assertEquals(1, PayloadReader.read(new ByteArrayInputStream(payload), unlock(), member -> null).members().size(), "the right one opens it");
        Problem p = assertThrows(Problem.class, () -> PayloadReader.read(new ByteArrayInputStream(payload),
                new PayloadReader.Unlock.Passphrase(Secret.adopt("nope".toCharArray())), member -> null));
        assertEquals(Problem.Kind.AUTHENTICATION, p.kind());
        assertEquals("The passphrase does not open this payload, or the payload's header is damaged.", p.what());
        byte[] saltFlipped = payload.clone();
        saltFlipped[SKESK_SALT] ^= 0x01;
        assertEquals(p.what(), readProblem(saltFlipped).what());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anUnsupportedAlgorithmIsNotTakenForAWrongPassphrase(boolean sessionKeyPacket) throws Exception {
        List<Entry> parts = List.of(part("members/a/part-000001", bytes(10, 1)));
        byte[] payload = encrypt(tar(parts, manifestOf(parts)), "payload.tar", sessionKeyPacket);
        for (int at : new int[] {SKESK_CIPHER, SKESK_HASH}) {
            byte[] unknown = payload.clone();
            unknown[at] = 99;
            Problem p = readProblem(unknown);
            assertEquals(Messages.get("payload.read.unsupported.what"), p.what(), "byte " + at);
            assertEquals(Problem.Kind.INPUT, p.kind());
        }
    }

    @Test
    void anotherLiteralNameIsNotAPayload() throws Exception {
        List<Entry> parts = List.of(part("members/a/part-000001", bytes(10, 1)));
        Problem p = readProblem(encrypt(tar(parts, manifestOf(parts)), "backup.tar"));
        assertEquals(Messages.get("payload.read.notPayload.what"), p.what());
    }

    @Test
    void aHostileEntryDoesNotClaimThatNothingWasUsed() throws Exception {
        List<Entry> parts = List.of(part("members/a/part-000001", bytes(10, 1)), part("members/b/../../x/part-000001", bytes(10, 2)));
        Problem p = readProblem(encrypt(tar(parts)));
        assertEquals("The payload holds an entry that is not allowed: members/b/../../x/part-000001.", p.what());
        assertEquals("Nothing from this payload may be trusted: whatever was restored from it is discarded, not swapped in. "
                + "Do not open it with other tools either; ask the sender for a new payload.", p.next());
    }

    // ---- L1: memory bounded against hostile headers, no OpenPGP compression

    @Test
    void anOpenPgpCompressedLayerIsRefused() throws Exception {
        List<Entry> parts = List.of(part("members/a/part-000001", bytes(10, 1)));
        byte[] tar = tar(parts, manifestOf(parts));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream enc = encryptor().open(out, new byte[4096])) {
            var zip = new org.bouncycastle.openpgp.PGPCompressedDataGenerator(org.bouncycastle.bcpg.CompressionAlgorithmTags.ZLIB);
            try (OutputStream z = zip.open(enc)) {
                writeLiteral(z, "payload.tar", tar);
            }
        }
        Problem p = readProblem(out.toByteArray());
        assertEquals(Messages.get("payload.read.openpgpCompressed.what"), p.what());
    }

    @ParameterizedTest
    @ValueSource(chars = {'x', 'g', 'L', 'K'})
    void aHugePaxRecordOrLongNameIsRefusedBeforeItIsRead(char type) throws Exception {
        int huge = 8 << 20;
        byte[] header;
        if (type == 'x' || type == 'g') {
            String record = " comment=" + "a".repeat(huge) + "\n";
            int length = record.length() + 1;
            while (length != record.length() + String.valueOf(length).length()) length++;   // the length counts its own digits
            header = (length + record).getBytes(StandardCharsets.US_ASCII);
            assertEquals(length, header.length);
        } else {
            header = ("members/a/part-000001" + "/".repeat(huge)).getBytes(StandardCharsets.US_ASCII);
        }
        List<Entry> parts = List.of(part("members/a/part-000001", bytes(10, 1)));
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tar.writeBytes(rawHeader(type == 'L' || type == 'K' ? "././@LongLink" : "././@PaxHeader", type, header.length));
        tar.writeBytes(Arrays.copyOf(header, (header.length + 511) / 512 * 512));
        tar.writeBytes(tar(parts, manifestOf(parts)));
        byte[] payload = encrypt(tar.toByteArray());
        long[] taken = {0};
        java.io.InputStream counted = new java.io.FilterInputStream(new ByteArrayInputStream(payload)) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) taken[0]++;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) taken[0] += n;
                return n;
            }
        };
        Problem p = assertThrows(Problem.class, () -> PayloadReader.read(counted, unlock(), member -> null));
        String what = p.what().length() > 300 ? p.what().substring(0, 300) + "..." : p.what();
        assertEquals(Messages.get("payload.read.bigHeader.what", 65536), what);
        assertTrue(taken[0] < 1 << 20, "stopped within the first MiB of " + payload.length + " bytes, took " + taken[0]);
    }

    @Test
    void longMemberNamesInPaxHeadersStillRead() throws Exception {
        String member = String.join("/", java.util.Collections.nCopies(4, "n".repeat(100)));
        List<Entry> parts = List.of(part("members/" + member + "/part-000001", bytes(10, 1)));
        Manifest m = PayloadReader.read(new ByteArrayInputStream(encrypt(tar(parts, manifestOf(parts)))), unlock(), name -> null);
        assertEquals(member, m.members().get(0).name());
    }

    @Test
    void bytesTheUnpackerLeavesAfterAPartsEndAreRefused() throws Exception {
        byte[] packed = Compression.GZIP.packAll(bytes(10, 1));
        // more than gzip reads ahead, so they stay in the entry
        byte[] withTail = Arrays.copyOf(packed, packed.length + 200_000);
        Arrays.fill(withTail, packed.length, withTail.length, (byte) 'x');
        List<Entry> parts = List.of(part("members/a/part-000001.gz", withTail));
        Manifest.Part only = new Manifest.Part("members/a/part-000001.gz", 10, sha256(bytes(10, 1)));
        Manifest m = new Manifest(Manifest.FORMAT, "test", "2026-12-01T00:00:00Z", "gzip", 4096,
                List.of(new Manifest.Member("a", 10, sha256(bytes(10, 1)), List.of(only))), Map.of());
        Problem p = readProblem(encrypt(tar(parts, m)));
        assertEquals(Messages.get("payload.read.hostileEntry.what", "members/a/part-000001.gz"), p.what());
    }

    // ---- L4: only what tar and cat would read the same way

    @ParameterizedTest
    @ValueSource(bytes = {TarArchiveEntry.LF_CHR, TarArchiveEntry.LF_BLK, TarArchiveEntry.LF_FIFO, TarArchiveEntry.LF_CONTIG})
    void aPartThatIsNotARegularFileIsRefused(byte type) throws Exception {
        List<Entry> parts = List.of(new Entry("members/a/part-000001", type, new byte[0]));
        Problem p = readProblem(encrypt(tar(parts, manifestOf(parts))));
        assertEquals(Messages.get("payload.read.hostileEntry.what", "members/a/part-000001"), p.what());
    }

    @Test
    void aManifestThatIsAFifoIsRefused() throws Exception {
        List<Entry> entries = new ArrayList<>(List.of(part("members/a/part-000001", bytes(10, 1))));
        entries.add(new Entry(Manifest.FILE, TarArchiveEntry.LF_FIFO, new ObjectMapper().writeValueAsBytes(manifestOf(entries))));
        Problem p = readProblem(encrypt(tar(entries)));
        assertEquals(Messages.get("payload.read.hostileEntry.what", Manifest.FILE), p.what());
    }

    @Test
    void aSparseFileIsRefused() throws Exception {
        byte[] pax = (paxRecord("GNU.sparse.size", "10") + paxRecord("GNU.sparse.numblocks", "1") + paxRecord("GNU.sparse.map", "0,10"))
                .getBytes(StandardCharsets.US_ASCII);
        List<Entry> parts = List.of(part("members/a/part-000001", bytes(10, 1)));
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tar.writeBytes(rawHeader("././@PaxHeader", 'x', pax.length));
        tar.writeBytes(Arrays.copyOf(pax, 512));
        tar.writeBytes(tar(parts, manifestOf(parts)));
        Problem p = readProblem(encrypt(tar.toByteArray()));
        assertEquals(Messages.get("payload.read.hostileEntry.what", "members/a/part-000001"), p.what());
    }

    @Test
    void partsOutOfOrderAreRefused() throws Exception {
        List<Entry> parts = List.of(part("members/a/part-000002", bytes(10, 1)), part("members/a/part-000001", bytes(10, 2)));
        Problem p = readProblem(encrypt(tar(parts, manifestOf(parts))));
        assertEquals(Messages.get("payload.read.hostileEntry.what", "members/a/part-000002"), p.what());
    }

    @Test
    void aMissingPartIsRefused() throws Exception {
        List<Entry> parts = List.of(part("members/a/part-000001", bytes(10, 1)), part("members/a/part-000003", bytes(10, 2)));
        Problem p = readProblem(encrypt(tar(parts, manifestOf(parts))));
        assertEquals(Messages.get("payload.read.hostileEntry.what", "members/a/part-000003"), p.what());
    }

    @Test
    void theSamePartTwiceIsRefused() throws Exception {
        List<Entry> parts = List.of(part("members/a/part-000001", bytes(10, 1)), part("members/a/part-000001", bytes(10, 2)));
        Problem p = readProblem(encrypt(tar(parts, manifestOf(parts))));
        assertEquals(Messages.get("payload.read.hostileEntry.what", "members/a/part-000001"), p.what());
    }

    // ---- README.txt: the first entry, a note a person reads; nowhere else, never large

    @Test
    void aReadmeAsTheFirstEntryIsReadOverAndTheMembersStillChecked() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PayloadWriter w = new PayloadWriter(out, Protection.passphrase(Secret.adopt(PASS.toCharArray())), Compression.GZIP, 4096, false, null)) {
            w.readme("Open me with gpg --decrypt.\n");
            w.addMember("dumps/a.sql", new ByteArrayInputStream(bytes(10_000, 5)));
            w.finish();
        }
        List<String> opened = new ArrayList<>();
        Manifest m = PayloadReader.read(new ByteArrayInputStream(out.toByteArray()), unlock(), member -> {
            opened.add(member);
            return OutputStream.nullOutputStream();
        });
        assertEquals(List.of("dumps/a.sql"), opened);
        assertEquals(List.of("dumps/a.sql"), m.members().stream().map(Manifest.Member::name).toList());
    }

    @Test
    void theWriterTakesTheReadmeOnlyFirstAndOnlyOnce() throws Exception {
        try (PayloadWriter w = new PayloadWriter(OutputStream.nullOutputStream(), Protection.passphrase(Secret.adopt(PASS.toCharArray())), Compression.NONE, 4096, false, null)) {
            w.readme("one");
            assertThrows(IllegalStateException.class, () -> w.readme("two"));
            w.addMember("a", new ByteArrayInputStream(bytes(10, 1)));
            assertThrows(IllegalStateException.class, () -> w.readme("after a member"));
        }
        try (PayloadWriter w = new PayloadWriter(OutputStream.nullOutputStream(), Protection.passphrase(Secret.adopt(PASS.toCharArray())), Compression.NONE, 4096, false, null)) {
            assertThrows(IllegalArgumentException.class, () -> w.readme("x".repeat(PayloadWriter.MAX_README + 1)));
        }
    }

    @Test
    void aReadmeAfterAPartIsRefused() throws Exception {
        List<Entry> parts = List.of(part("members/a/part-000001", bytes(10, 1)));
        List<Entry> entries = new ArrayList<>(parts);
        entries.add(part(PayloadWriter.README, "late".getBytes(StandardCharsets.UTF_8)));
        entries.add(new Entry(Manifest.FILE, TarArchiveEntry.LF_NORMAL, new ObjectMapper().writeValueAsBytes(manifestOf(parts))));
        Problem p = readProblem(encrypt(tar(entries)));
        assertEquals(Messages.get("payload.read.hostileEntry.what", PayloadWriter.README), p.what());
    }

    @Test
    void aReadmeLargerThanANoteOrNotARegularFileIsRefused() throws Exception {
        List<Entry> parts = List.of(part("members/a/part-000001", bytes(10, 1)));
        for (Entry readme : List.of(part(PayloadWriter.README, new byte[PayloadWriter.MAX_README + 1]),
                new Entry(PayloadWriter.README, TarArchiveEntry.LF_SYMLINK, new byte[0]))) {
            List<Entry> entries = new ArrayList<>(List.of(readme));
            entries.addAll(parts);
            Problem p = readProblem(encrypt(tar(entries, manifestOf(parts))));
            assertEquals(Messages.get("payload.read.hostileEntry.what", PayloadWriter.README), p.what());
        }
    }

    // ---- L5: nothing after the message, and a verification pass that keeps no byte

    @Test
    void bytesAfterTheOpenPgpMessageAreRefused() throws Exception {
        byte[] payload = goodPayload();
        for (byte[] tail : List.of(bytes(100, 5), new byte[1])) {
            byte[] longer = Arrays.copyOf(payload, payload.length + tail.length);
            System.arraycopy(tail, 0, longer, payload.length, tail.length);
            Problem p = assertThrows(Problem.class, () -> PayloadReader.verify(new ByteArrayInputStream(longer), unlock()), tail.length + " bytes");
            assertEquals(Messages.get("payload.read.corrupt.what"), p.what());
        }
    }

    @Test
    void anArmoredPayloadMayEndWithALineEndButNothingElse() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PayloadWriter w = new PayloadWriter(out, Protection.passphrase(Secret.adopt(PASS.toCharArray())), Compression.NONE, 4096, true, null)) {
            w.addMember("dumps/a.sql", new ByteArrayInputStream(bytes(100, 9)));
            w.finish();
        }
        byte[] armored = out.toByteArray();
        byte[] newline = Arrays.copyOf(armored, armored.length + 2);
        newline[armored.length] = '\r';
        newline[armored.length + 1] = '\n';
        assertEquals(1, PayloadReader.verify(new ByteArrayInputStream(newline), unlock()).members().size());
        byte[] text = "appended by someone\n".getBytes(StandardCharsets.US_ASCII);
        byte[] longer = Arrays.copyOf(armored, armored.length + text.length);
        System.arraycopy(text, 0, longer, armored.length, text.length);
        Problem p = assertThrows(Problem.class, () -> PayloadReader.verify(new ByteArrayInputStream(longer), unlock()));
        assertEquals(Messages.get("payload.read.corrupt.what"), p.what());
    }

    @Test
    void aSecondPacketAfterTheLiteralIsRefused() throws Exception {
        List<Entry> parts = List.of(part("members/a/part-000001", bytes(10, 1)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream enc = encryptor().open(out, new byte[4096])) {
            writeLiteral(enc, "payload.tar", tar(parts, manifestOf(parts)));
            writeLiteral(enc, "payload.tar", bytes(100, 6));
        }
        Problem p = readProblem(out.toByteArray());
        assertEquals(Messages.get("payload.read.corrupt.what"), p.what());
    }

    @Test
    void dataAfterTheEndOfTheTarIsRefused() throws Exception {
        List<Entry> parts = List.of(part("members/a/part-000001", bytes(10, 1)));
        byte[] tar = tar(parts, manifestOf(parts));
        byte[] longer = Arrays.copyOf(tar, tar.length + 512);
        System.arraycopy(bytes(512, 7), 0, longer, tar.length, 512);
        Problem p = readProblem(encrypt(longer));
        assertEquals(Messages.get("payload.read.corrupt.what"), p.what());
    }

    @Test
    void verifyReadsAGoodPayloadThroughAndRefusesAFlippedByte() throws Exception {
        for (boolean armored : new boolean[] {false, true}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Manifest written;
            try (PayloadWriter w = new PayloadWriter(out, Protection.passphrase(Secret.adopt(PASS.toCharArray())), Compression.ZSTD, 4096, armored, null)) {
                w.addMember("dumps/a.sql", new ByteArrayInputStream(bytes(20_000, 8)));
                written = w.finish();
            }
            byte[] payload = out.toByteArray();
            assertEquals(written.members(), PayloadReader.verify(new ByteArrayInputStream(payload), unlock()).members());
            if (armored) continue;
            byte[] flipped = payload.clone();
            flipped[payload.length / 2] ^= 0x40;
            Problem p = assertThrows(Problem.class, () -> PayloadReader.verify(new ByteArrayInputStream(flipped), unlock()));
            assertEquals(Problem.Kind.INPUT, p.kind());
            assertTrue(isOneOf(p, "payload.read.corrupt") || p.what().startsWith("The SHA-256 of"), p.what());
        }
    }

    /** Records what the reader does with it. */
    private static class RecordingSink extends OutputStream {
        final String member;
        final List<String> calls;

        RecordingSink(String member, List<String> calls) {
            this.member = member;
            this.calls = calls;
        }

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}

        @Override
        public void close() {
            calls.add("close " + member);
        }
    }

    private static final class AbortableSink extends RecordingSink implements Abortable {
        AbortableSink(String member, List<String> calls) {
            super(member, calls);
        }

        @Override
        public void abort() {
            calls.add("abort " + member);
        }
    }

    // ---- helpers: payloads built by hand, as a hostile sender could make them with tar and gpg

    record Entry(String name, byte type, byte[] data) {}

    static Entry part(String name, byte[] plain) {
        return new Entry(name, TarArchiveEntry.LF_NORMAL, plain);
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static PayloadReader.Unlock unlock() {
        return new PayloadReader.Unlock.Passphrase(Secret.adopt(PASS.toCharArray()));
    }

    static Problem readProblem(byte[] payload) {
        return assertThrows(Problem.class, () -> PayloadReader.read(new ByteArrayInputStream(payload), unlock(), member -> OutputStream.nullOutputStream()));
    }

    static boolean isOneOf(Problem p, String... keys) {
        return Arrays.stream(keys).anyMatch(k -> Messages.get(k + ".what").equals(p.what()));
    }

    /** A payload as the writer makes it, big enough that a third of it ends inside a member. */
    static byte[] goodPayload() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PayloadWriter w = new PayloadWriter(out, Protection.passphrase(Secret.adopt(PASS.toCharArray())), Compression.NONE, 4096, false, null)) {
            w.addMember("dumps/a.sql", new ByteArrayInputStream(bytes(30_000, 3)));
            w.addMember("dumps/b.sql", new ByteArrayInputStream(bytes(30_000, 4)));
            w.finish();
        }
        return out.toByteArray();
    }

    private static final Pattern PART = Pattern.compile("members/(.+)/part-\\d{6}(\\.gz|\\.zst)?");

    /** The manifest that matches {@code parts} (uncompressed), member by member in their order. */
    static Manifest manifestOf(List<Entry> parts) {
        Map<String, List<Manifest.Part>> byMember = new LinkedHashMap<>();
        Map<String, ByteArrayOutputStream> whole = new LinkedHashMap<>();
        for (Entry e : parts) {
            Matcher m = PART.matcher(e.name());
            if (!m.matches()) throw new IllegalArgumentException(e.name());
            byMember.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(new Manifest.Part(e.name(), e.data().length, sha256(e.data())));
            whole.computeIfAbsent(m.group(1), k -> new ByteArrayOutputStream()).writeBytes(e.data());
        }
        List<Manifest.Member> members = new ArrayList<>();
        byMember.forEach((name, ps) -> {
            byte[] all = whole.get(name).toByteArray();
            members.add(new Manifest.Member(name, all.length, sha256(all), ps));
        });
        return new Manifest(Manifest.FORMAT, "test", "2026-12-01T00:00:00Z", "none", 4096, members, Map.of());
    }

    /** A ustar header block as any tar writes it, for entry types the tar library will not write by itself. */
    static byte[] rawHeader(String name, char type, long size) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000600");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", size));
        put(h, 136, "00000000000");
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : h) sum += b & 0xff;
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        return h;
    }

    static String paxRecord(String key, String value) {
        String record = " " + key + "=" + value + "\n";
        int length = record.length() + 1;
        while (length != record.length() + String.valueOf(length).length()) length++;
        return length + record;
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }

    static Manifest withMembers(Manifest m, List<Manifest.Member> members) {
        return new Manifest(m.format(), m.createdBy(), m.createdAt(), m.compression(), m.partSize(), members, m.meta());
    }

    static String sha256(byte[] b) {
        java.security.MessageDigest d = Hex.sha256();
        return Hex.of(d.digest(b));
    }

    /** A tar of {@code entries} closed by {@code manifest}. */
    static byte[] tar(List<Entry> entries, Manifest manifest) throws IOException {
        List<Entry> all = new ArrayList<>(entries);
        all.add(new Entry(Manifest.FILE, TarArchiveEntry.LF_NORMAL, new ObjectMapper().writeValueAsBytes(manifest)));
        return tar(all);
    }

    static byte[] tar(List<Entry> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry te = new TarArchiveEntry(e.name(), e.type());
                te.setSize(e.data().length);
                t.putArchiveEntry(te);
                t.write(e.data());
                t.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    /** Where the passphrase packet (SKESK v4, first in the payload) keeps its cipher, S2K hash and salt. */
    static final int SKESK_CIPHER = 3, SKESK_HASH = 5, SKESK_SALT = 8;

    static byte[] encrypt(byte[] tar) throws Exception {
        return encrypt(tar, "payload.tar");
    }

    static byte[] encrypt(byte[] tar, String literalName) throws Exception {
        return encrypt(tar, literalName, true);
    }

    /**
     * OpenPGP (AES-256 with MDC, the test passphrase) around a literal packet named {@code literalName} holding
     * {@code tar}; with an encrypted session key in the passphrase packet, or (as gpg does) the key derived from the passphrase.
     */
    static byte[] encrypt(byte[] tar, String literalName, boolean sessionKeyPacket) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var gen = encryptor();
        gen.setForceSessionKey(sessionKeyPacket);
        try (OutputStream enc = gen.open(out, new byte[4096])) {
            writeLiteral(enc, literalName, tar);
        }
        byte[] b = out.toByteArray();
        assertEquals(List.of(0xc3, 4, 9, 3), List.of(b[0] & 0xff, b[2] & 0xff, b[SKESK_CIPHER] & 0xff, b[4] & 0xff), "SKESK v4, AES-256, iterated S2K");
        return b;
    }

    static org.bouncycastle.openpgp.PGPEncryptedDataGenerator encryptor() {
        var data = new org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder(org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags.AES_256)
                .setWithIntegrityPacket(true).setSecureRandom(new java.security.SecureRandom()).setProvider(PayloadWriter.BC);
        var gen = new org.bouncycastle.openpgp.PGPEncryptedDataGenerator(data);
        gen.addMethod(new org.bouncycastle.openpgp.operator.jcajce.JcePBEKeyEncryptionMethodGenerator(PASS.toCharArray()).setProvider(PayloadWriter.BC));
        return gen;
    }

    static void writeLiteral(OutputStream enc, String literalName, byte[] data) throws IOException {
        var lit = new org.bouncycastle.openpgp.PGPLiteralDataGenerator();
        try (OutputStream l = lit.open(enc, org.bouncycastle.openpgp.PGPLiteralData.BINARY, literalName, data.length, new java.util.Date())) {
            l.write(data);
        }
    }
}
