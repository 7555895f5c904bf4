package io.sgmigrate.engine.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.payload.Compression;
import io.sgmigrate.engine.payload.Protection;
import io.sgmigrate.engine.secret.Secret;
import io.sgmigrate.engine.ssh.SshAddress;
import io.sgmigrate.engine.ssh.SshOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The dry run's plan follows the order the run takes, with each host's commands as they will be sent. */
class PlanTest {
    static MigrationSettings settings() {
        return new MigrationSettings(SshAddress.parse("ssh://old@old-host"), SshAddress.parse("ssh://new@new-host"), SshOptions.defaults(),
                "/srv/deploy sourcegraph/docker-compose", Optional.empty(), new Protection.Passphrase(Secret.adopt("x".toCharArray())),
                Optional.empty(), "passphrase", Compression.ZSTD, false, Path.of("run.json"), Optional.empty(), Optional.empty());
    }

    static Facts facts(boolean fresh, boolean sourceSudo) {
        return new Facts("sourcegraph", "3.25.2", "3.25.2", List.of("sourcegraph", "sourcegraph-codeintel"), "db-only-migrate.docker-compose.yaml",
                List.of("docker", "compose"), "/home/new/sgmigrate-staging", "/home/new/sgmigrate-staging/run.payload.gpg", 1000, fresh,
                sourceSudo, false, "zstd", "", "/srv/deploy sourcegraph/docker-compose", SERVICES);
    }

    static final List<String> SERVICES = List.of("pgsql", "codeintel-db", "codeinsights-db", "migrator", "sourcegraph-frontend-0");

    private static int first(Plan p, Step step) {
        for (int i = 0; i < p.lines().size(); i++) if (p.lines().get(i).step() == step) return i;
        return -1;
    }

    @Test
    void ontoAFreshTargetItsApplicationsStopFirstAndTheRestoreRunsInTheTransfer() {
        Plan p = Plan.of(settings(), facts(true, false), List.of());
        assertTrue(first(p, Step.STOP_TARGET) < first(p, Step.TRANSFER), p.lines().toString());
        assertTrue(first(p, Step.START_DATABASES) < first(p, Step.TRANSFER));
        assertTrue(p.lines().stream().anyMatch(l -> l.step() == Step.TRANSFER && l.command().contains("psql") && l.command().contains("sgmigrate_restore")));
        assertFalse(p.lines().stream().anyMatch(l -> l.command().startsWith("cat -- ")), "nothing is read back");
        String text = p.render("old@old-host", "new@new-host");
        assertTrue(text.contains("docker compose -f '/srv/deploy sourcegraph/docker-compose/docker-compose.yaml' stop migrator sourcegraph-frontend-0\n"), text);
        assertTrue(text.contains("docker compose -f '/srv/deploy sourcegraph/docker-compose/docker-compose.yaml' up -d pgsql codeintel-db codeinsights-db\n"), text);
        assertFalse(text.contains("--volumes") || text.contains(" down"), "no volume is ever removed: " + text);
        assertTrue(text.indexOf("codeintel-db") > 0, text);
    }

    /** Onto a fresh target the payload is kept here, beside the journal: nothing is staged on the new host, nothing is read back. */
    @Test
    void aPayloadKeptHereIsWrittenAndRemovedHereAndNeverReachesTheNewHostsDisk() {
        Facts f = facts(true, false);
        Facts here = new Facts(f.container(), f.sourceVersion(), f.targetVersion(), f.databases(), f.dbOnlyFile(), f.compose(), "",
                "/runs/run-0123abcd.payload.gpg", f.estimatedBytes(), true, false, false, "zstd", "", f.composeDir(), f.services(), "", true);
        assertEquals(here, Facts.fromMap(here.toMap()), "journalled");
        assertFalse(Facts.fromMap(f.toMap()).stagedHere(), "the payload of a run without the fact was staged on the new host");
        Plan p = Plan.of(settings(), here, List.of());
        List<Plan.Line> transfer = p.lines().stream().filter(l -> l.step() == Step.TRANSFER).toList();
        assertTrue(transfer.stream().anyMatch(l -> l.host().equals("here") && l.command().equals(
                "write /runs/run-0123abcd.payload.gpg.partial (0600), sync, rename to /runs/run-0123abcd.payload.gpg")), transfer.toString());
        assertTrue(transfer.stream().anyMatch(l -> l.host().equals("new") && l.command().contains("psql") && l.command().contains("sgmigrate_restore")));
        assertFalse(p.lines().stream().anyMatch(l -> l.host().equals("new") && (l.command().contains("payload.gpg") || l.command().contains("mkdir")
                || l.command().contains("cat >") || l.command().startsWith("sha256sum"))), "nothing of the payload on the new host: " + p.lines());
        assertTrue(p.lines().stream().anyMatch(l -> l.step() == Step.CLEANUP && l.host().equals("here") && l.command().contains("/runs/run-0123abcd.payload.gpg")));
        String text = p.render("old@old-host", "new@new-host");
        assertTrue(text.contains("### this machine (it keeps the payload)"), text);
        assertTrue(text.indexOf("### old host") < text.indexOf("### this machine") && text.indexOf("### this machine") < text.indexOf("### new host"), text);
    }

    @Test
    void codeInsightsMovesIntoCodeinsightsDbAsItsOwnDatabase() {
        Facts f = facts(false, false);
        Facts insights = new Facts(f.container(), f.sourceVersion(), f.targetVersion(), List.of("sourcegraph", "sourcegraph-codeinsights"), f.dbOnlyFile(),
                f.compose(), f.stagingDir(), f.payloadPath(), f.estimatedBytes(), false, false, false, "", "", f.composeDir(), f.services());
        String text = Plan.of(settings(), insights, List.of()).render("old@a", "new@b");
        assertTrue(text.contains("docker exec -i codeinsights-db psql -X -q -v ON_ERROR_STOP=1 -U postgres -d sgmigrate_restore\n"), text);
        // The database in use there is named postgres: it is dropped and renamed from template1, never from itself.
        assertTrue(text.contains("docker exec -i codeinsights-db psql -X -q -A -t -v ON_ERROR_STOP=1 -U postgres -d template1 -c 'DROP DATABASE \"postgres\"'"), text);
        assertTrue(text.contains("-d template1 -c 'ALTER DATABASE sgmigrate_restore RENAME TO \"postgres\"'"), text);
        assertTrue(text.contains("-U postgres -d postgres -c 'CREATE DATABASE sgmigrate_restore OWNER \"postgres\"'"), text);
    }

    @Test
    void ontoATargetWithDataThePayloadIsStagedAndCheckedBeforeAnythingStops() {
        Plan p = Plan.of(settings(), facts(false, false), List.of());
        assertTrue(first(p, Step.TRANSFER) < first(p, Step.CHECK_PAYLOAD));
        assertTrue(first(p, Step.CHECK_PAYLOAD) < first(p, Step.CONFIRM));
        assertTrue(first(p, Step.CONFIRM) < first(p, Step.STOP_TARGET));
        assertTrue(p.lines().stream().anyMatch(l -> l.step() == Step.CHECK_PAYLOAD && l.command().startsWith("cat -- ")));
        assertTrue(p.lines().stream().anyMatch(l -> l.step() == Step.RESTORE && l.command().startsWith("cat -- ")));
    }

    @Test
    void dockerRunsThroughSudoOnlyOnTheHostThatNeedsIt() {
        Plan p = Plan.of(settings(), facts(true, true), List.of());
        List<Plan.Line> docker = p.lines().stream().filter(l -> l.command().contains("docker")).toList();
        assertTrue(docker.stream().filter(l -> l.host().equals("old")).allMatch(l -> l.command().startsWith("sudo -n -- docker exec -i sourcegraph ")), docker.toString());
        assertTrue(docker.stream().filter(l -> l.host().equals("new")).noneMatch(l -> l.command().contains("sudo")), docker.toString());
        assertEquals(2, docker.stream().filter(l -> l.host().equals("old")).count(), "one dump per database");
    }

    @Test
    void whereTheNewHostCanUnpackTheDumpsCrossToPsqlCompressedAndSudoStaysInsideThePipe() {
        Facts f = facts(true, false);
        Facts sudo = new Facts(f.container(), f.sourceVersion(), f.targetVersion(), f.databases(), f.dbOnlyFile(), f.compose(), f.stagingDir(),
                f.payloadPath(), f.estimatedBytes(), true, false, true, "zstd", "", f.composeDir(), f.services());
        List<String> restores = Plan.of(settings(), sudo, List.of()).lines().stream()
                .filter(l -> l.command().contains("psql -X -q -v ON_ERROR_STOP=1")).map(Plan.Line::command).toList();
        assertEquals(List.of(
                "sh -c 'zstd -dc | \"$@\"' sgmigrate-restore sudo -n -- docker exec -i pgsql psql -X -q -v ON_ERROR_STOP=1 -U sg -d sgmigrate_restore",
                "sh -c 'zstd -dc | \"$@\"' sgmigrate-restore sudo -n -- docker exec -i codeintel-db psql -X -q -v ON_ERROR_STOP=1 -U sg -d sgmigrate_restore"),
                restores);
        // Without the tool there, or with another compression than pre-flight checked, psql reads plain SQL.
        assertTrue(Plan.of(settings(), f.withoutUnpacking(), List.of()).lines().stream()
                .filter(l -> l.command().contains("ON_ERROR_STOP=1 -U sg -d sgmigrate_restore")).allMatch(l -> l.command().startsWith("docker exec -i ")));
        assertFalse(f.packedRestore(Compression.GZIP));
        assertFalse(f.packedRestore(Compression.NONE));
        assertTrue(f.packedRestore(Compression.ZSTD));
    }

    @Test
    void whereTheOldHostHasZstdTheDumpIsCompressedThereAndKeepsPgDumpsExitStatus() {
        Facts f = facts(true, true);
        Facts packs = new Facts(f.container(), f.sourceVersion(), f.targetVersion(), f.databases(), f.dbOnlyFile(), f.compose(), f.stagingDir(),
                f.payloadPath(), f.estimatedBytes(), true, true, false, "zstd", "zstd", f.composeDir(), f.services());
        List<Plan.Line> dumps = Plan.of(settings(), packs, List.of()).lines().stream().filter(l -> l.host().equals("old")).toList();
        assertEquals(2, dumps.size(), dumps.toString());
        assertEquals("sh -c 'exec 3>&1; s=$( { { \"$@\"; echo $? >&4; } | zstd -1 -q -c >&3; } 4>&1 ) || exit 70; exit \"${s:-71}\"' sgmigrate-dump "
                + "sudo -n -- docker exec -i sourcegraph pg_dump -U postgres --no-owner --no-privileges --format=plain sourcegraph", dumps.get(0).command());
        assertTrue(dumps.get(0).note().startsWith("stdout streams to this machine compressed (zstd -1)"), dumps.get(0).note());
        assertFalse(packs.packedDump(Compression.NONE), "no compression asked for: none on the old host either");
    }

    @Test
    void theScriptRunsNothingAndTheEstimateSaysHowMuch() {
        Plan p = Plan.of(settings(), new Facts("sourcegraph", "3.25.2", "3.25.2", List.of("sourcegraph"), "db-only-migrate.docker-compose.yaml",
                List.of("docker-compose"), "/s", "/s/p.gpg", 3_000_000_000L, true, false, false, "", "", "/srv/x", SERVICES), List.of());
        String script = p.script("old@a", "new@b");
        assertTrue(script.startsWith("#!/bin/sh\n"), script);
        assertTrue(script.contains("\nexit 0\n"), "running it does nothing");
        assertTrue(script.lines().filter(l -> !l.isEmpty() && !l.equals("#!/bin/sh") && !l.equals("exit 0")).allMatch(l -> l.startsWith("#")), script);
        assertTrue(script.contains("# $ docker exec -i sourcegraph pg_dump"), script);
        assertTrue(p.estimate().startsWith("2.8 GiB of databases to move; about "), p.estimate());
    }
}
