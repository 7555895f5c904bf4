package io.sgmigrate.engine.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * The payload's table of contents, stored as {@code manifest.json}, the archive's last entry: every member
 * with its size and SHA-256, and the parts it was cut into. Nothing secret is ever put in it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(int format, String createdBy, String createdAt, String compression, long partSize,
                      List<Member> members, Map<String, String> meta) {
    public static final int FORMAT = 2;
    public static final String FILE = "manifest.json";

    /** A member: a whole logical file (a database dump, a snapshot), possibly cut into parts. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Member(String name, long size, String sha256, List<Part> parts) {}

    /** A part: its tar entry, and the size and SHA-256 of its plain (uncompressed) bytes. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Part(String entry, long size, String sha256) {}

    public Member member(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
    }
}
