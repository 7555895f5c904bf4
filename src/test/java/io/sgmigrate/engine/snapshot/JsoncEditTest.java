package io.sgmigrate.engine.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    // ---- lists: the migration notice goes into "notices" and comes out again, nothing else touched

    private static final com.fasterxml.jackson.databind.JsonNode NOTICE = node("{\"message\": \"moving\", \"location\": \"top\", \"dismissible\": false}");

    private static com.fasterxml.jackson.databind.JsonNode node(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aMissingListIsAddedFirstAndTakingItsOnlyElementOutRestoresTheDocument() throws Exception {
        String doc = "{\n  // global settings\n  \"search.savedQueries\": [],\n  \"motd\": [\"Welcome to the lab\"],\n}";
        String added = JsoncEdit.appendToArray(doc, "notices", NOTICE);
        assertEquals("{\n  \"notices\": [" + NOTICE + "],\n  // global settings\n  \"search.savedQueries\": [],\n  \"motd\": [\"Welcome to the lab\"],\n}", added);
        assertEquals(doc, JsoncEdit.removeFromArray(added, "notices", NOTICE::equals));
    }

    @Test
    void anExistingListGetsTheElementOnALineOfItsOwnAndLosesExactlyThatOne() throws Exception {
        String doc = "{\n  \"notices\": [\n    // the admins' own\n    {\"message\": \"hi\", \"location\": \"home\"}\n  ],\n  \"motd\": []\n}";
        String added = JsoncEdit.appendToArray(doc, "notices", NOTICE);
        assertEquals("{\n  \"notices\": [\n    // the admins' own\n    {\"message\": \"hi\", \"location\": \"home\"},\n    " + NOTICE
                + "\n  ],\n  \"motd\": []\n}", added);
        String removed = JsoncEdit.removeFromArray(added, "notices", NOTICE::equals);
        assertEquals(Jsonc.parse(doc), Jsonc.parse(removed));
        assertTrue(removed.contains("// the admins' own"), removed);
        // A trailing comma and an empty list both take the element.
        assertEquals(Jsonc.parse("{\"notices\": [1, " + NOTICE + "]}"), Jsonc.parse(JsoncEdit.appendToArray("{\"notices\": [1,]}", "notices", NOTICE)));
        assertEquals(Jsonc.parse("{\"notices\": [" + NOTICE + "]}"), Jsonc.parse(JsoncEdit.appendToArray("{\"notices\": [ /* none */ ]}", "notices", NOTICE)));
    }

    @Test
    void removingWhatIsNotThereChangesNothingAndANonListIsRefused() throws Exception {
        String doc = "{\"notices\": [{\"message\": \"other\"}]} // end";
        assertEquals(doc, JsoncEdit.removeFromArray(doc, "notices", NOTICE::equals));
        assertEquals("{}", JsoncEdit.removeFromArray("{}", "notices", NOTICE::equals));
        assertThrows(Jsonc.Malformed.class, () -> JsoncEdit.appendToArray("{\"notices\": \"text\"}", "notices", NOTICE));
    }

    @Test
    void theMiddleOfThreeComesOutWithItsComma() throws Exception {
        String doc = "{\"notices\": [{\"a\": 1}, " + NOTICE + ", {\"b\": [2, 3]}]}";
        assertEquals("{\"notices\": [{\"a\": 1}, {\"b\": [2, 3]}]}", JsoncEdit.removeFromArray(doc, "notices", NOTICE::equals));
    }
}
