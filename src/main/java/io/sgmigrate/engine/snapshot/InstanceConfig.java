package io.sgmigrate.engine.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sgmigrate.engine.sql.Sql;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration of an instance that cannot be recreated, exactly as it is stored (JSONC: comments and formatting
 * kept): the site configuration in use, the global settings in use, and every code host connection. A code host whose
 * configuration is encrypted at rest is named with {@code "encrypted": true} and no configuration: its ciphertext opens
 * only with the instance's own key, so half of it would be no use to anyone.
 */
public record InstanceConfig(Optional<String> siteConfig, Optional<String> globalSettings, List<CodeHost> codeHosts) {
    public static final String SITE_CONFIG = "config/site-config.json";
    public static final String GLOBAL_SETTINGS = "config/global-settings.json";
    public static final String CODE_HOSTS = "config/code-hosts.json";

    public record CodeHost(String kind, String displayName, String config, boolean encrypted) {}

    /** Read from the frontend database {@code db} (read-only queries). */
    public static InstanceConfig read(Sql sql, String db) {
        List<String> tables = sql.rows(db, "select table_name from information_schema.tables where table_schema = 'public'").stream()
                .map(r -> r.get(0)).toList();
        String site = siteConfig(sql, db, tables);
        String settings = globalSettings(sql, db, tables);
        List<CodeHost> hosts = new ArrayList<>();
        if (tables.contains("external_services")) {
            boolean keyColumn = "1".equals(sql.value(db, "select count(*)::text from information_schema.columns where table_schema = 'public'"
                    + " and table_name = 'external_services' and column_name = 'encryption_key_id'"));
            String enc = keyColumn ? "coalesce(encryption_key_id, '') <> ''" : "false";
            for (List<String> r : sql.rows(db, "select kind, display_name, (" + enc + ")::text, case when " + enc + " then null else config end"
                    + " from external_services where deleted_at is null order by id")) {
                boolean encrypted = "true".equals(r.get(2));
                hosts.add(new CodeHost(r.get(0), r.get(1), encrypted ? null : r.get(3), encrypted));
            }
        }
        return new InstanceConfig(Optional.ofNullable(site), Optional.ofNullable(settings), List.copyOf(hosts));
    }

    /** The site configuration in use, as stored: the newest site row ({@code site_config} in the oldest schemas); null without either table. */
    static String siteConfig(Sql sql, String db, java.util.Collection<String> tables) {
        if (tables.contains("critical_and_site_config")) return sql.value(db, SnapshotTaker.LATEST_SITE_CONFIG);
        if (tables.contains("site_config")) return sql.value(db, "select contents from site_config order by id desc limit 1");
        return null;
    }

    /** The global settings in use, as stored: the newest row that belongs to no user and no org; null without the table. */
    static String globalSettings(Sql sql, String db, java.util.Collection<String> tables) {
        return tables.contains("settings")
                ? sql.value(db, "select contents from settings where user_id is null and org_id is null order by id desc limit 1") : null;
    }

    /** The payload members: each configuration file by its name, as UTF-8 bytes (files the instance lacks are left out). */
    public Map<String, byte[]> members() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        siteConfig.ifPresent(t -> out.put(SITE_CONFIG, t.getBytes(StandardCharsets.UTF_8)));
        globalSettings.ifPresent(t -> out.put(GLOBAL_SETTINGS, t.getBytes(StandardCharsets.UTF_8)));
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode list = json.createArrayNode();
        for (CodeHost h : codeHosts) {
            ObjectNode o = list.addObject().put("kind", h.kind()).put("displayName", h.displayName());
            if (h.encrypted()) o.put("encrypted", true).putNull("config");
            else o.put("config", h.config());
        }
        try {
            out.put(CODE_HOSTS, json.writeValueAsBytes(list));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
        return out;
    }

    /** The code hosts whose configuration is encrypted at rest (named, not exported). */
    public List<String> encryptedCodeHosts() {
        return codeHosts.stream().filter(CodeHost::encrypted).map(h -> h.kind() + " \u201c" + h.displayName() + "\u201d").toList();
    }
}
