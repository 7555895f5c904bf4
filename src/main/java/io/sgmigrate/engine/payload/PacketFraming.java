package io.sgmigrate.engine.payload;

import java.io.IOException;
import java.io.InputStream;

/**
 * Follows the packet framing (RFC 4880, section 4.2) of the outermost OpenPGP packets as their bytes pass, so that a
 * message whose file ends inside a packet can be told apart from one whose packets are whole but damaged.
 */
final class PacketFraming extends ObservedInputStream {
    private enum State { TAG, NEW_LENGTH, OLD_LENGTH, BODY, UNTRACKED }

    private State state = State.TAG;
    private final int[] lengthOctets = new int[5];
    private int lengthHave;
    private int lengthNeed;
    private long bodyLeft;
    private boolean partial;
    private boolean ended;

    PacketFraming(InputStream in) {
        super(in);
    }

    /** The source has ended while a packet was still expecting bytes. */
    boolean endedInsidePacket() {
        return ended && state != State.TAG && state != State.UNTRACKED;
    }

    @Override
    void ended() {
        ended = true;
    }

    /** An armor that stops without its end line says so with an error, not an end: that counts as the end too. */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            if (ReaderSupport.eofLike(e)) ended = true;
            throw e;
        }
    }

    @Override
    void seen(byte[] b, int off, int n) {
        int i = off;
        int end = off + n;
        while (i < end) {
            switch (state) {
                case UNTRACKED -> i = end;
                case BODY -> {
                    int take = (int) Math.min(bodyLeft, end - i);
                    i += take;
                    bodyLeft -= take;
                    if (bodyLeft == 0) afterBody();
                }
                case TAG -> tag(b[i++] & 0xff);
                case NEW_LENGTH -> newLength(b[i++] & 0xff);
                case OLD_LENGTH -> oldLength(b[i++] & 0xff);
            }
        }
    }

    private void tag(int b) {
        lengthHave = 0;
        if ((b & 0x80) == 0) {
            state = State.UNTRACKED; // not a packet: what reads it says so
        } else if ((b & 0x40) != 0) {
            state = State.NEW_LENGTH;
        } else if ((b & 3) == 3) {
            state = State.UNTRACKED; // indeterminate length: the packet runs to the end
        } else {
            lengthNeed = 1 << (b & 3);
            state = State.OLD_LENGTH;
        }
    }

    private void newLength(int b) {
        lengthOctets[lengthHave++] = b;
        int first = lengthOctets[0];
        if (first < 192) {
            body(first, false);
        } else if (first < 224) {
            if (lengthHave == 2) body(((first - 192) << 8) + lengthOctets[1] + 192, false);
        } else if (first < 255) {
            body(1L << (first & 0x1f), true);
        } else if (lengthHave == 5) {
            body(((long) lengthOctets[1] << 24) | (lengthOctets[2] << 16) | (lengthOctets[3] << 8) | lengthOctets[4], false);
        }
    }

    private void oldLength(int b) {
        lengthOctets[lengthHave++] = b;
        if (lengthHave < lengthNeed) return;
        long len = 0;
        for (int k = 0; k < lengthNeed; k++) len = (len << 8) | lengthOctets[k];
        body(len, false);
    }

    private void body(long length, boolean partialChunk) {
        bodyLeft = length;
        partial = partialChunk;
        lengthHave = 0;
        state = State.BODY;
        if (bodyLeft == 0) afterBody();
    }

    private void afterBody() {
        lengthHave = 0;
        state = partial ? State.NEW_LENGTH : State.TAG;
    }
}
