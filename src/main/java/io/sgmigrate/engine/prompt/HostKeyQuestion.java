package io.sgmigrate.engine.prompt;

/** What a person needs to decide about a host key they have not seen: where it comes from and its fingerprint. */
public record HostKeyQuestion(String host, int port, String keyType, String sha256Fingerprint) {

    /** The known_hosts style name: {@code host} for port 22, {@code [host]:port} otherwise. */
    public String hostSpec() {
        return port == 22 ? host : "[" + host + "]:" + port;
    }
}
