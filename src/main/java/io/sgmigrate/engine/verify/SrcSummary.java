package io.sgmigrate.engine.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.snapshot.Snapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The file {@code src snapshot summary} writes (Go field names: ExternalServices, Site.AuthProviders), checked
 * against a snapshot of the new instance: the same code host connections (by id and kind) and the same auth
 * providers (by type).
 */
public final class SrcSummary {
    public record Service(String kind, String id) {}

    public record Provider(String serviceType, String serviceId) {}

    private final List<Service> services;
    private final List<Provider> providers;

    SrcSummary(List<Service> services, List<Provider> providers) {
        this.services = services;
        this.providers = providers;
    }

    public static SrcSummary read(Path file) {
        try {
            return parse(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.INPUT, "summary.unreadable", file, String.valueOf(e.getMessage()).lines().findFirst().orElse("")).causedBy(e);
        }
    }

    /** The summary in {@code json}, e.g. a payload's {@code summary.json} entry named {@code from}. */
    public static SrcSummary parse(String json, String from) {
        try {
            return parse(new ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.INPUT, "summary.unreadable", from, String.valueOf(e.getMessage()).lines().findFirst().orElse("")).causedBy(e);
        }
    }

    private static SrcSummary parse(JsonNode n) throws IOException {
        if (n == null || !n.isObject()) throw new IOException("not a JSON object");
        List<Service> s = new ArrayList<>();
        for (JsonNode x : n.path("ExternalServices").path("Nodes")) s.add(new Service(x.path("Kind").asText(), x.path("ID").asText()));
        List<Provider> p = new ArrayList<>();
        for (JsonNode x : n.path("Site").path("AuthProviders").path("Nodes")) p.add(new Provider(x.path("ServiceType").asText(), x.path("ServiceID").asText()));
        return new SrcSummary(s, p);
    }

    /** GraphQL ids are base64 of "ExternalService:42"; the number is the database id. */
    static long databaseId(String graphqlId) {
        try {
            String s = new String(Base64.getDecoder().decode(graphqlId), StandardCharsets.UTF_8);
            return Long.parseLong(s.substring(s.lastIndexOf(':') + 1));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return -1;
        }
    }

    public List<Finding> check(Snapshot target) {
        List<Finding> out = new ArrayList<>();
        List<Snapshot.CodeHost> hosts = target.semantic() == null || target.semantic().codeHosts() == null ? List.of() : target.semantic().codeHosts();
        for (Service s : services) {
            long id = databaseId(s.id());
            boolean found = hosts.stream().anyMatch(h -> h.id() == id && h.kind().equalsIgnoreCase(s.kind()));
            out.add(found ? Finding.pass("src summary", s.kind() + " " + s.id(), "code host connection present", s.kind(), s.kind())
                    : Finding.fail("src summary", s.kind() + " " + s.id(), "code host connection from the summary is missing", s.kind(), null));
        }
        Map<String, Integer> want = new TreeMap<>();
        providers.forEach(p -> want.merge(p.serviceType(), 1, Integer::sum));
        Map<String, Integer> have = new TreeMap<>();
        Snapshot.SiteConfig sc = target.semantic() == null ? null : target.semantic().siteConfig();
        if (sc != null && sc.authProviders() != null) sc.authProviders().forEach(p -> have.merge(String.valueOf(p.type()), 1, Integer::sum));
        want.forEach((type, n) -> {
            int h = have.getOrDefault(type, 0);
            out.add(h >= n ? Finding.pass("src summary", "auth " + type, "auth providers present", Integer.toString(n), Integer.toString(h))
                    : Finding.fail("src summary", "auth " + type, "auth providers missing", Integer.toString(n), Integer.toString(h)));
        });
        return out;
    }
}
