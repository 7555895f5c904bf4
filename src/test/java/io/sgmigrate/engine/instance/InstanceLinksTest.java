package io.sgmigrate.engine.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class InstanceLinksTest {
    @Test
    void linksAreBuiltFromExternalUrlWithoutItsTrailingSlash() {
        InstanceLinks l = InstanceLinks.of("https://sourcegraph.example.com/").orElseThrow();
        assertEquals("https://sourcegraph.example.com/site-admin/repositories", l.repositories());
        assertEquals("https://sourcegraph.example.com/site-admin/external-services", l.codeHosts());
        assertEquals("https://sourcegraph.example.com/sign-in", l.signIn());
        assertTrue(InstanceLinks.of("").isEmpty());
        assertTrue(InstanceLinks.of(null).isEmpty());
        assertTrue(InstanceLinks.of("sourcegraph.example.com").isEmpty(), "no scheme: no link");
        assertTrue(InstanceLinks.of("ftp://sourcegraph.example.com").isEmpty());
        assertTrue(InstanceLinks.of("https://exa mple.com").isEmpty(), "not a URL");
    }

    @Test
    void theSearchMatchesExactlyTheRepositoryItNames() {
        String name = "github.example.invalid/lab/repo-1.go+(x)";
        String q = InstanceLinks.repositoryQuery(name);
        String pattern = q.substring("repo:".length());
        assertTrue(Pattern.compile(pattern).matcher(name).matches(), q);
        assertTrue(!Pattern.compile(pattern).matcher("github.example.invalid/lab/repo-1.go+(x)2").find(), "anchored: " + q);
        assertTrue(!Pattern.compile(pattern).matcher("githubXexample.invalid/lab/repo-1.go+(x)").matches(), "dots are literal: " + q);
        String link = InstanceLinks.of("https://sg.example.com").orElseThrow().searchRepository(name);
        assertTrue(link.startsWith("https://sg.example.com/search?q="), link);
        assertEquals(q, URLDecoder.decode(link.substring(link.indexOf("q=") + 2), StandardCharsets.UTF_8));
    }
}
