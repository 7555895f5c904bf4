package io.sgmigrate.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sgmigrate.engine.notice.MigrationNotice;
import io.sgmigrate.engine.snapshot.Jsonc;
import io.sgmigrate.support.LabRun.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The migration notice on the lab's old instance: added as a new global settings row that keeps the admins' comments,
 * taken out again to exactly the settings before; and added by {@code payload create --notice}, with the command that
 * takes it out printed at the end.
 */
class LabNoticeTest extends LabLoadCase {
    private static final String LATEST = "select contents from settings where org_id is null and user_id is null order by id desc limit 1";
    private static final String ROWS = "select count(*) from settings where org_id is null and user_id is null";

    private List<String> notice(String what, String... extra) {
        List<String> a = new ArrayList<>(List.of("notice", what, "--host", lab.source(),
                "--identity", lab.identity().toString(), "--known-hosts", lab.knownHosts().toString(), "--no-agent"));
        a.addAll(List.of(extra));
        return a;
    }

    /** A notice an earlier, failed run left behind is taken out first: each test starts from the instance's own settings. */
    static void noLeftoverNotice(io.sgmigrate.support.LabRun run, io.sgmigrate.engine.lab.LabEnvironment lab) throws Exception {
        Result r = run.sgmigrate(List.of("notice", "remove", "--host", lab.source(), "--identity", lab.identity().toString(),
                "--known-hosts", lab.knownHosts().toString(), "--no-agent"));
        assertEquals(0, r.code(), r.out() + r.err());
    }

    @org.junit.jupiter.api.BeforeEach
    void fromTheInstancesOwnSettings() throws Exception {
        noLeftoverNotice(run, lab);
    }

    @Test
    void theNoticeIsAddedWithTheCommentsKeptAndTakenOutToExactlyTheSettingsBefore() throws Exception {
        String before = run.onSource(LATEST);
        int rows = Integer.parseInt(run.onSource(ROWS));
        Result shown = run.sgmigrate(notice("show"));
        assertEquals(0, shown.code(), shown.out() + shown.err());
        assertTrue(shown.out().contains("The migration notice: not shown"), shown.out());

        Result dry = run.sgmigrate(notice("add", "--dry-run"));
        assertEquals(0, dry.code(), dry.out() + dry.err());
        assertTrue(dry.out().contains("Dry run: nothing written"), dry.out());
        assertEquals(rows, Integer.parseInt(run.onSource(ROWS)), "a dry run writes nothing");

        Result add = run.sgmigrate(notice("add"));
        assertEquals(0, add.code(), add.out() + add.err());
        assertTrue(add.out().contains("sgmigrate notice remove --host " + lab.source()), add.out());
        assertEquals(rows + 1, Integer.parseInt(run.onSource(ROWS)), "one new global settings row");
        String with = run.onSource(LATEST);
        assertTrue(with.contains("// global settings"), "the admins' comments are kept: " + with);
        var notices = Jsonc.parse(with).path("notices");
        assertEquals(1, notices.size(), with);
        assertEquals(MigrationNotice.notice(MigrationNotice.DEFAULT_MESSAGE), notices.get(0));
        assertEquals(Jsonc.parse(before).path("motd"), Jsonc.parse(with).path("motd"), "everything else means what it meant");

        Result again = run.sgmigrate(notice("add"));
        assertEquals(0, again.code(), again.out() + again.err());
        assertTrue(again.out().contains("Nothing written: the notice is already in the global settings"), again.out());
        assertEquals(rows + 1, Integer.parseInt(run.onSource(ROWS)));

        Result remove = run.sgmigrate(notice("remove"));
        assertEquals(0, remove.code(), remove.out() + remove.err());
        assertEquals(rows + 2, Integer.parseInt(run.onSource(ROWS)), "taken out as a new row: the history is kept");
        assertEquals(before, run.onSource(LATEST), "the settings in use are exactly those before, byte for byte");
    }

    @Test
    void aPayloadCreateWithNoticeShowsItBeforeTheDumpAndSaysHowToTakeItOut() throws Exception {
        Path pub = make.exportPublic(make.newKey("Support <support@example.com>", ""), dir.resolve("support.asc"));
        String before = run.onSource(LATEST);
        Result r = run.sgmigrate(List.of("payload", "create", "--source", lab.source(), "--recipient", pub.toString(), "--notice",
                "--out", dir.resolve("p.gpg").toString(), "--identity", lab.identity().toString(), "--known-hosts", lab.knownHosts().toString(), "--no-agent"));
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("[3/5] Add the migration notice to the instance's global settings"), r.out());
        assertTrue(MigrationNotice.present(run.onSource(LATEST), MigrationNotice.DEFAULT_MESSAGE), "the notice is shown");
        String take = r.out().lines().filter(l -> l.strip().startsWith("sgmigrate notice remove")).findFirst().orElseThrow(() -> new AssertionError(r.out())).strip();
        assertEquals("sgmigrate notice remove --host " + lab.source(), take);
        Result removed = run.sgmigrate(notice("remove"));
        assertEquals(0, removed.code(), removed.out() + removed.err());
        assertEquals(before, run.onSource(LATEST));
    }
}
