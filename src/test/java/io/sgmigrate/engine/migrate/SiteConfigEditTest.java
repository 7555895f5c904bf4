package io.sgmigrate.engine.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.Problem;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** externalURL must be a root URL, as Sourcegraph's site config schema requires; the customer's file must parse. */
class SiteConfigEditTest {
    @Test
    void rootUrlsAreAcceptedAndAnythingElseIsAClearError() {
        assertEquals("https://sourcegraph.example.com", SiteConfigEdit.rootUrl("https://sourcegraph.example.com"));
        assertEquals("https://sourcegraph.example.com", SiteConfigEdit.rootUrl("https://sourcegraph.example.com/"));
        assertEquals("http://10.0.0.5:7080", SiteConfigEdit.rootUrl("http://10.0.0.5:7080"));
        for (String bad : new String[] {"sourcegraph.example.com", "ftp://x.example.com", "https://x.example.com/sg", "https://x.example.com?a=1",
                "https://x.example.com/#top", "https://user@x.example.com", "https://", "https://x.example.com:port"}) {
            Problem p = assertThrows(Problem.class, () -> SiteConfigEdit.rootUrl(bad), bad);
            assertTrue(p.what().contains("is not a root URL"), p.what());
            assertEquals(Problem.Kind.INPUT, p.kind());
        }
    }

    @Test
    void theEditKeepsCommentsAndTheCustomersFileMustParse() {
        SiteConfigEdit e = SiteConfigEdit.externalUrl("https://new.example.com");
        assertEquals("{\n  // hi\n  \"externalURL\": \"https://new.example.com\"\n}", e.edited("{\n  // hi\n  \"externalURL\": \"https://old\"\n}"));
        assertEquals(Optional.of("https://new.example.com"), e.externalUrl());
        SiteConfigEdit file = SiteConfigEdit.replaceWith("{\"externalURL\": \"https://c.example.com\" /* c */}", "c.json");
        assertEquals(Optional.of("https://c.example.com"), file.externalUrl());
        assertEquals("{\"externalURL\": \"https://c.example.com\" /* c */}", file.edited("{\"anything\": 1}"));
        Problem p = assertThrows(Problem.class, () -> SiteConfigEdit.replaceWith("{\"a\": ", "c.json"));
        assertTrue(p.what().startsWith("The site configuration file c.json is not valid JSONC"), p.what());
        assertThrows(Problem.class, () -> SiteConfigEdit.replaceWith("[]", "c.json"));
    }

    @Test
    void aPayloadsSiteConfigFileIsPutInPlaceThenTheAskedExternalUrlSetInIt() {
        String file = "{\n  // the customer's\n  \"externalURL\": \"https://old.example.com\"\n}";
        SiteConfigEdit brought = SiteConfigEdit.replaceWith(file, "seed/site-config.json");
        assertEquals(file, brought.edited("{\"externalURL\": \"https://restored\"}"), "the restored one is replaced");
        assertEquals(java.util.Optional.of("https://old.example.com"), brought.externalUrl());
        assertEquals("the customer's site configuration file", brought.description());

        SiteConfigEdit both = brought.after(SiteConfigEdit.externalUrl("https://new.example.com"));
        assertEquals("{\n  // the customer's\n  \"externalURL\": \"https://new.example.com\"\n}", both.edited("{}"));
        assertEquals(java.util.Optional.of("https://new.example.com"), both.externalUrl());
        assertTrue(both.description().contains("with externalURL https://new.example.com"), both.description());

        SiteConfigEdit own = SiteConfigEdit.replaceWith("{\"externalURL\": \"https://mine.example.com\"}", "mine.json");
        assertEquals("{\"externalURL\": \"https://mine.example.com\"}", brought.after(own).edited("{}"), "--site-config wins over the payload's file");
        assertEquals(file, brought.after(null).edited("{}"));
    }
}
