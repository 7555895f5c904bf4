package io.sgmigrate.engine.prompt;

import io.sgmigrate.engine.Messages;
import java.util.List;
import java.util.Optional;

/**
 * What a person needs to decide about a host key they have not seen: where it comes from and its fingerprint.
 *
 * @param otherKnownKeys keys of other types that known_hosts holds for this host ({@code TYPE SHA256:...}); when
 *     there are any, the host is not new to known_hosts and {@link #otherKeysWarning()} must be shown
 */
public record HostKeyQuestion(String host, int port, String keyType, String sha256Fingerprint, List<String> otherKnownKeys) {

    public HostKeyQuestion {
        otherKnownKeys = List.copyOf(otherKnownKeys);
    }

    public HostKeyQuestion(String host, int port, String keyType, String sha256Fingerprint) {
        this(host, port, keyType, sha256Fingerprint, List.of());
    }

    /** The known_hosts style name: {@code host} for port 22, {@code [host]:port} otherwise. */
    public String hostSpec() {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    /** A plain warning when known_hosts holds other keys for this host: a reinstall, or an interception. */
    public Optional<String> otherKeysWarning() {
        if (otherKnownKeys.isEmpty()) return Optional.empty();
        return Optional.of(Messages.get("ssh.hostKey.otherTypes.what", hostSpec(), keyType, sha256Fingerprint, String.join(", ", otherKnownKeys)));
    }
}
