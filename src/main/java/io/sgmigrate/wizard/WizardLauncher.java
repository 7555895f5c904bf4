package io.sgmigrate.wizard;

import io.sgmigrate.engine.Problem;
import javafx.application.Application;

/** Opens the wizard window; returns when it is closed. */
public final class WizardLauncher {
    private WizardLauncher() {}

    public static void launch() {
        try {
            Application.launch(WizardApp.class);
        } catch (UnsupportedOperationException | IllegalStateException e) {
            // JavaFX found no screen to open a window on (no DISPLAY, a server, an SSH session without -X).
            throw Problem.of(Problem.Kind.PRECONDITION, "wizard.noDisplay").causedBy(e);
        }
    }
}
