package io.sgmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Text a compromised host sends cannot drive this machine's terminal. */
class TerminalTest {
    @Test
    void escapesAndOtherControlCharactersAreShownAsQuestionMarks() {
        assertEquals("?]0;owned?? red?[31m\nnext\tline", Terminal.safe("\u001b]0;owned\u0007\u009b red\u001b[31m\nnext\tline"));
        assertEquals("plain ünïcode", Terminal.safe("plain ünïcode"));
        assertEquals("", Terminal.safe(null));
    }
}
