package io.sgmigrate.engine.instance;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Where on the new instance a person looks, built from its {@code externalURL}; empty when that is not an http(s) URL. */
public record InstanceLinks(String base) {
    public static Optional<InstanceLinks> of(String externalUrl) {
        if (externalUrl == null || externalUrl.isBlank()) return Optional.empty();
        try {
            URI u = new URI(externalUrl.strip());
            if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) return Optional.empty();
            String b = u.toString();
            while (b.endsWith("/")) b = b.substring(0, b.length() - 1);
            return Optional.of(new InstanceLinks(b));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    public String signIn() {
        return base + "/sign-in";
    }

    public String repositories() {
        return base + "/site-admin/repositories";
    }

    public String codeHosts() {
        return base + "/site-admin/external-services";
    }

    public String permissionSyncs() {
        return base + "/site-admin/permissions-syncs";
    }

    public String siteAdmin() {
        return base + "/site-admin";
    }

    public String globalSettings() {
        return base + "/site-admin/global-settings";
    }

    public String configuration() {
        return base + "/site-admin/configuration";
    }

    /** A search for exactly this repository: its own name as an anchored, quoted pattern, so it must find it. */
    public String searchRepository(String name) {
        return base + "/search?q=" + URLEncoder.encode(repositoryQuery(name), StandardCharsets.UTF_8);
    }

    public static String repositoryQuery(String name) {
        return "repo:^" + name.replaceAll("([.\\[\\]()*+?{}|^$\\\\])", "\\\\$1") + "$";
    }
}
