package io.sgmigrate.engine.transfer;

import io.sgmigrate.engine.payload.Manifest;

import java.util.Map;

/**
 * An encrypted payload that arrived complete on a host: where, how big, the SHA-256 both ends agree on,
 * and for each member that is a plain SQL dump, the rows of each table as counted in the dump itself.
 */
public record StagedPayload(String path, long encryptedBytes, String sha256, Manifest manifest, Map<String, Map<String, Long>> rowCounts) {}
