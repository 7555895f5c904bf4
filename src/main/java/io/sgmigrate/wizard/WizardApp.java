package io.sgmigrate.wizard;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.sgmigrate.engine.AppInfo;
import io.sgmigrate.engine.job.Jobs;
import io.sgmigrate.engine.lab.LabEnvironment;
import io.sgmigrate.wizard.page.HostsPage;
import io.sgmigrate.wizard.page.StartPage;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The wizard window: one model, its pages in order, and the frame that moves between them. */
public final class WizardApp extends Application {
    private Jobs jobs;

    @Override
    public void start(Stage stage) {
        jobs = new Jobs();
        WizardModel model = new WizardModel();
        try {
            model.lab.set(LabEnvironment.find());
        } catch (RuntimeException e) {
            // An unreadable lab.env only hides the rehearsal offer.
        }
        applyTheme(model.darkTheme.get());
        model.darkTheme.addListener((o, a, dark) -> applyTheme(dark));

        FxPrompter prompter = new FxPrompter(stage);
        List<WizardPage> pages = List.of(new StartPage(model), new HostsPage(model, jobs, prompter));
        WizardFrame frame = new WizardFrame(model, pages, stage::close);
        Scene scene = new Scene(frame, 980, 680);
        stage.setTitle(I18n.t("app.title", AppInfo.version()));
        stage.setMinWidth(760);
        stage.setMinHeight(520);
        stage.setScene(scene);
        stage.show();
    }

    private static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    @Override
    public void stop() {
        if (jobs != null) jobs.close();
    }
}
