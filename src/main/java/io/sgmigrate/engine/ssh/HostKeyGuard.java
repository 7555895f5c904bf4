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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Checks a server's host key against known_hosts, the way OpenSSH does with {@code StrictHostKeyChecking=ask}:
 * a known key passes; a changed key is a hard stop (never a question); an unknown key is accepted only
 * if it matches a fingerprint the user vouched for, or if the user accepts it through the prompter.
 * It never accepts everything. The verdict is kept so a failed connect can be explained.
 */
final class HostKeyGuard implements HostKeyRepository {
    private final HostKeyRepository knownHosts;
    private final Path knownHostsFile;
    private final java.util.Set<String> trustedFingerprints;
    private final Prompter prompter;
    private final int port;

    private volatile Verdict verdict;
    private volatile String presentedFingerprint;
    private volatile String presentedType;

    enum Verdict { KNOWN, TRUSTED_BY_FINGERPRINT, ACCEPTED, REJECTED, CHANGED, PROMPT_FAILED }

    private volatile Problem promptProblem;

    HostKeyGuard(HostKeyRepository knownHosts, Path knownHostsFile, java.util.Set<String> trustedFingerprints, Prompter prompter, int port) {
        this.knownHosts = knownHosts;
        this.knownHostsFile = knownHostsFile;
        this.trustedFingerprints = trustedFingerprints;
        this.prompter = prompter;
        this.port = port;
    }

    @Override
    public int check(String host, byte[] key) {
        presentedFingerprint = Fingerprints.sha256(key);
        presentedType = keyType(key);
        int known = knownHosts.check(host, key);
        if (known == OK) {
            verdict = Verdict.KNOWN;
            return OK;
        }
        if (known == CHANGED) {
            verdict = Verdict.CHANGED;
            return CHANGED;
        }
        if (trustedFingerprints.stream().anyMatch(t -> Fingerprints.same(t, presentedFingerprint))) {
            verdict = Verdict.TRUSTED_BY_FINGERPRINT;
            return OK;
        }
        HostKeyQuestion q = new HostKeyQuestion(bareHost(host), port, presentedType, presentedFingerprint);
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
        String line = q.hostSpec() + " " + q.keyType() + " " + Base64.getEncoder().encodeToString(key) + "\n";
        try {
            Path parent = knownHostsFile.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(knownHostsFile, line, StandardCharsets.US_ASCII, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
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

    /** Fingerprints known_hosts holds for this host, for the "changed key" message. */
    List<String> knownFingerprints(String hostSpec) {
        List<String> out = new ArrayList<>();
        HostKey[] keys = knownHosts.getHostKey(hostSpec, null);
        if (keys != null) {
            for (HostKey k : keys) {
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
        if (keys != null) for (HostKey k : keys) if (!out.contains(k.getType())) out.add(k.getType());
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
