package io.sgmigrate.engine.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.UserInfo;
import io.sgmigrate.engine.Problem;
import io.sgmigrate.engine.prompt.HostKeyDecision;
import io.sgmigrate.engine.prompt.HostKeyQuestion;
import io.sgmigrate.engine.prompt.Prompter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Checks a server's host key against known_hosts, the way OpenSSH does with {@code StrictHostKeyChecking=ask}:
 * a key marked {@code @revoked} and a changed key are hard stops (never a question); an unknown key is accepted
 * only if it matches a fingerprint the user vouched for (for this host, or for any), or if the user accepts it
 * through the prompter, who is told when known_hosts holds keys of other types for the host.
 * It never accepts everything. The verdict is kept so a failed connect can be explained.
 */
final class HostKeyGuard implements HostKeyRepository {
    private final HostKeyRepository knownHosts;
    private final Path knownHostsFile;
    private final List<TrustedFingerprint> trustedFingerprints;
    private final Prompter prompter;
    private final int port;

    private volatile Verdict verdict;
    private volatile String presentedFingerprint;
    private volatile String presentedType;
    private volatile List<String> otherKnownKeys = List.of();

    enum Verdict { KNOWN, TRUSTED_BY_FINGERPRINT, ACCEPTED, REJECTED, CHANGED, REVOKED, PROMPT_FAILED }

    private volatile Problem promptProblem;

    HostKeyGuard(HostKeyRepository knownHosts, Path knownHostsFile, java.util.Set<String> trustedFingerprints, Prompter prompter, int port) {
        this.knownHosts = knownHosts;
        this.knownHostsFile = knownHostsFile;
        this.trustedFingerprints = trustedFingerprints.stream().map(TrustedFingerprint::parse).toList();
        this.prompter = prompter;
        this.port = port;
    }

    @Override
    public int check(String host, byte[] key) {
        presentedFingerprint = Fingerprints.sha256(key);
        presentedType = keyType(key);
        // A revoked key is refused before anything else could trust it (known_hosts, a fingerprint, a person).
        if (isRevoked(host, key)) {
            verdict = Verdict.REVOKED;
            return NOT_INCLUDED;
        }
        int known = knownHosts.check(host, key);
        if (known == OK) {
            verdict = Verdict.KNOWN;
            return OK;
        }
        if (known == CHANGED) {
            verdict = Verdict.CHANGED;
            return CHANGED;
        }
        if (trustedFingerprints.stream().anyMatch(t -> t.vouchesFor(host, presentedFingerprint))) {
            verdict = Verdict.TRUSTED_BY_FINGERPRINT;
            return OK;
        }
        // JSch checks per key type: known keys of another type make this "unknown", which OpenSSH warns about.
        otherKnownKeys = knownFingerprints(host).stream().filter(k -> !k.startsWith(presentedType + " ")).toList();
        HostKeyQuestion q = new HostKeyQuestion(bareHost(host), port, presentedType, presentedFingerprint, otherKnownKeys);
        HostKeyDecision decision;
        try {
            decision = prompter.unknownHostKey(q).join();
        } catch (RuntimeException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            promptProblem = c instanceof Problem p ? p : null;
            verdict = Verdict.PROMPT_FAILED;
            return NOT_INCLUDED;
        }
        switch (decision) {
            case ACCEPT_ONCE -> {
                verdict = Verdict.ACCEPTED;
                return OK;
            }
            case ACCEPT_AND_REMEMBER -> {
                remember(q, key);
                verdict = Verdict.ACCEPTED;
                return OK;
            }
            default -> {
                verdict = Verdict.REJECTED;
                return NOT_INCLUDED;
            }
        }
    }

    private void remember(HostKeyQuestion q, byte[] key) {
        try {
            KnownHostsFile.append(knownHostsFile, q.hostSpec(), q.keyType(), key);
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.HOST_KEY, "ssh.hostKey.rememberFailed", knownHostsFile).causedBy(e);
        }
    }

    Verdict verdict() {
        return verdict;
    }

    Problem promptProblem() {
        return promptProblem;
    }

    String presentedFingerprint() {
        return presentedFingerprint;
    }

    String presentedType() {
        return presentedType;
    }

    /** Keys known_hosts holds for this host, of other types than the one presented (empty unless asked about). */
    List<String> otherKnownKeys() {
        return otherKnownKeys;
    }

    private boolean isRevoked(String host, byte[] key) {
        HostKey[] keys = knownHosts.getHostKey(host, presentedType);
        if (keys == null) return false;
        for (HostKey k : keys) {
            if (!"@revoked".equals(k.getMarker())) continue;
            try {
                if (java.util.Arrays.equals(Base64.getDecoder().decode(k.getKey()), key)) return true;
            } catch (IllegalArgumentException ignored) {
                // an unreadable line revokes nothing
            }
        }
        return false;
    }

    /** Fingerprints known_hosts holds for this host (plain entries, not @revoked or @cert-authority), for messages. */
    List<String> knownFingerprints(String hostSpec) {
        List<String> out = new ArrayList<>();
        HostKey[] keys = knownHosts.getHostKey(hostSpec, null);
        if (keys != null) {
            for (HostKey k : keys) {
                if (k.getMarker() != null && !k.getMarker().isEmpty()) continue;
                try {
                    out.add(k.getType() + " " + Fingerprints.sha256(Base64.getDecoder().decode(k.getKey())));
                } catch (IllegalArgumentException ignored) {
                    // an unreadable line is not a fingerprint worth showing
                }
            }
        }
        return out;
    }

    /** Key types known_hosts holds for this host, to offer first in the key exchange (as OpenSSH does). */
    List<String> knownTypes(String hostSpec) {
        List<String> out = new ArrayList<>();
        HostKey[] keys = knownHosts.getHostKey(hostSpec, null);
        if (keys != null) {
            for (HostKey k : keys) if ((k.getMarker() == null || k.getMarker().isEmpty()) && !out.contains(k.getType())) out.add(k.getType());
        }
        return out;
    }

    static String keyType(byte[] blob) {
        if (blob.length < 4) return "unknown";
        ByteBuffer b = ByteBuffer.wrap(blob);
        int len = b.getInt();
        if (len <= 0 || len > blob.length - 4) return "unknown";
        return new String(blob, 4, len, StandardCharsets.US_ASCII);
    }

    private static String bareHost(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            if (end > 0) return host.substring(1, end);
        }
        return host;
    }

    // The rest of the interface is delegated unchanged.
    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        knownHosts.add(hostkey, ui);
    }

    @Override
    public void remove(String host, String type) {
        knownHosts.remove(host, type);
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        knownHosts.remove(host, type, key);
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return knownHosts.getKnownHostsRepositoryID();
    }

    @Override
    public HostKey[] getHostKey() {
        return knownHosts.getHostKey();
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return knownHosts.getHostKey(host, type);
    }

}
