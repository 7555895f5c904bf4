package io.sgmigrate.engine.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** externalURL is set in place: every other byte (comments, order, indentation, nested keys of the same name) stays. */
class JsoncEditTest {
    @Test
    void anExistingValueIsReplacedAndEverythingElseIsKept() throws Exception {
        String doc = "{\n  // where people reach us\n  \"externalURL\": \"https://old.example.com\", /* keep */\n"
                + "  \"auth.providers\": [{\"type\": \"builtin\", \"externalURL\": \"nested\"}],\n}\n";
        String out = JsoncEdit.setString(doc, "externalURL", "https://new.example.com");
        assertEquals(doc.replace("https://old.example.com", "https://new.example.com"), out);
    }

    @Test
    void aMissingKeyIsAddedFirstWithTheMembersIndentation() throws Exception {
        String doc = "{\n    \"a\": 1 // one\n}";
        assertEquals("{\n    \"externalURL\": \"https://x.example.com\",\n    \"a\": 1 // one\n}", JsoncEdit.setString(doc, "externalURL", "https://x.example.com"));
        assertEquals("{\n  \"externalURL\": \"https://x.example.com\"}", JsoncEdit.setString("{}", "externalURL", "https://x.example.com"));
    }

    @Test
    void aKeyInsideACommentOrAStringIsNotTheKeyAndANonStringValueIsReplaced() throws Exception {
        String doc = "{\n  // \"externalURL\": \"commented\",\n  \"note\": \"\\\"externalURL\\\": x\",\n  \"externalURL\": null\n}";
        String out = JsoncEdit.setString(doc, "externalURL", "https://y.example.com");
        assertEquals(doc.replace("\"externalURL\": null", "\"externalURL\": \"https://y.example.com\""), out);
    }

    @Test
    void aBrokenDocumentIsRefusedNotGuessed() {
        assertThrows(Jsonc.Malformed.class, () -> JsoncEdit.setString("{\"a\": ", "externalURL", "https://z.example.com"));
        assertThrows(Jsonc.Malformed.class, () -> JsoncEdit.setString("[1, 2]", "externalURL", "https://z.example.com"));
    }
}
