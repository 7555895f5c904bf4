package io.sgmigrate.engine.secret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretTest {
    @Test
    void closeWipesTheCharactersAndToStringNeverShowsThem() {
        char[] raw = "s3cret-pässword".toCharArray();
        Secret s = Secret.adopt(raw);
        assertFalse(s.toString().contains("s3cret"));
        byte[] utf8 = s.utf8();
        assertArrayEquals("s3cret-pässword".getBytes(StandardCharsets.UTF_8), utf8);
        Secret.wipe(utf8);
        for (byte b : utf8) assertEquals(0, b);
        s.close();
        assertTrue(s.isWiped());
        for (char c : raw) assertEquals('\0', c);
        assertThrows(IllegalStateException.class, s::chars);
    }
}
