package io.sgmigrate.wizard;

import javafx.application.Application;

/** Opens the wizard window; returns when it is closed. */
public final class WizardLauncher {
    private WizardLauncher() {}

    public static void launch() {
        Application.launch(WizardApp.class);
    }
}
