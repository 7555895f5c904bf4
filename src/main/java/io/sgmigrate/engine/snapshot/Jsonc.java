package io.sgmigrate.engine.snapshot;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sourcegraph's site config and settings are JSONC: JSON with comments and trailing commas. Parsed leniently (a raw tab in a string too)
 * here; compared by meaning through a canonical form (keys sorted, no whitespace or comments).
 */
public final class Jsonc {
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper CANONICAL = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private Jsonc() {}

    /**
     * Malformed JSONC. Its message is only where ("line 3, column 17"): Jackson's own message quotes the offending
     * token, which may be a password, so it is neither kept nor chained.
     */
    public static final class Malformed extends IOException {
        Malformed(String where) {
            super(where);
        }
    }

    /** The document, or {@link Malformed} saying only where it breaks. */
    public static JsonNode parse(String text) throws Malformed {
        try {
            return LENIENT.readTree(text == null || text.isBlank() ? "{}" : text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new Malformed(at == null || at.getLineNr() < 1 ? "location unknown" : "line " + at.getLineNr() + ", column " + at.getColumnNr());
        }
    }

    /** A JSON string token's text, or null when it is not one. */
    static String parseQuietly(String token) {
        try {
            JsonNode n = LENIENT.readTree(token);
            return n.isTextual() ? n.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Keys sorted at every level, no whitespace: equal strings mean equal meaning. */
    public static String canonical(JsonNode node) {
        try {
            return CANONICAL.writeValueAsString(sorted(node));
        } catch (IOException e) {
            throw new IllegalStateException("a parsed tree always serialises", e);
        }
    }

    private static Object sorted(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> m = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), sorted(e.getValue()));
            }
            return m;
        }
        if (n.isArray()) {
            java.util.List<Object> l = new java.util.ArrayList<>();
            n.forEach(x -> l.add(sorted(x)));
            return l;
        }
        return n;
    }

    /** The fingerprint of a document's meaning: of its canonical form, under {@code key}. */
    public static String fingerprint(JsonNode node, FingerprintKey key) {
        return key.fingerprint(canonical(node));
    }

    /** Each top-level key's fingerprint, in key order. */
    public static Map<String, String> keyFingerprints(JsonNode node, FingerprintKey key) {
        Map<String, String> m = new TreeMap<>();
        if (node instanceof ObjectNode o) o.fields().forEachRemaining(e -> m.put(e.getKey(), fingerprint(e.getValue(), key)));
        return m;
    }
}
