package io.sgmigrate.engine.transfer;

import io.sgmigrate.engine.payload.Manifest;

/** An encrypted payload that arrived complete on a host: where, how big, and the SHA-256 both ends agree on. */
public record StagedPayload(String path, long encryptedBytes, String sha256, Manifest manifest) {}
