package io.sgmigrate.support;

import io.sgmigrate.engine.lab.LabEnvironment;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/** A test against the lab: the lab's environment, sgmigrate runs in their own JVM, and a folder for journals and keys. */
@Tag("lab")
public abstract class LabCase {
    protected LabEnvironment lab;
    protected LabRun run;
    @TempDir
    protected Path dir;

    @BeforeEach
    void requireTheLab() {
        lab = Lab.require();
        run = new LabRun(lab, dir);
    }
}
