package io.sgmigrate.engine.verify;

import java.util.List;

/** Every finding of a comparison; it passes when nothing failed. */
public record VerifyResult(List<Finding> findings) {
    public boolean passed() {
        return findings.stream().noneMatch(f -> f.status() == Finding.Status.FAIL);
    }

    public List<Finding> failures() {
        return findings.stream().filter(f -> f.status() == Finding.Status.FAIL).toList();
    }

    public long count(Finding.Status s) {
        return findings.stream().filter(f -> f.status() == s).count();
    }
}
