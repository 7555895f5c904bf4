package io.sgmigrate.wizard;

import io.sgmigrate.engine.lab.LabEnvironment;
import io.sgmigrate.engine.probe.HostReport;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The one typed model behind every page. It holds no secrets: those are asked for when needed and wiped. */
public final class WizardModel {
    /** What the person came to do. */
    public enum Task { MIGRATE, VERIFY, OPEN_JOURNAL }

    public final ObjectProperty<Task> task = new SimpleObjectProperty<>();
    public final StringProperty sourceAddress = new SimpleStringProperty("");
    public final StringProperty targetAddress = new SimpleStringProperty("");
    public final StringProperty identityFile = new SimpleStringProperty("");
    public final StringProperty knownHostsFile = new SimpleStringProperty("");
    public final StringProperty composeDir = new SimpleStringProperty("");
    public final ObjectProperty<HostReport> sourceReport = new SimpleObjectProperty<>();
    public final ObjectProperty<HostReport> targetReport = new SimpleObjectProperty<>();
    public final BooleanProperty darkTheme = new SimpleBooleanProperty(false);
    public final ObjectProperty<Optional<LabEnvironment>> lab = new SimpleObjectProperty<>(Optional.empty());

    public final BooleanBinding startValid = task.isNotNull();
    public final BooleanBinding hostsValid = sourceReport.isNotNull().and(targetReport.isNotNull())
            .and(Bindings.createBooleanBinding(() -> !composeDir.get().isBlank(), composeDir));

    public WizardModel() {
        // A changed address invalidates what a previous "Test connection" proved.
        sourceAddress.addListener((o, a, b) -> sourceReport.set(null));
        targetAddress.addListener((o, a, b) -> targetReport.set(null));
        identityFile.addListener((o, a, b) -> clearReports());
        knownHostsFile.addListener((o, a, b) -> clearReports());
    }

    private void clearReports() {
        sourceReport.set(null);
        targetReport.set(null);
    }

    /** Fills the hosts from the local lab, for a rehearsal. */
    public void useLab(LabEnvironment env) {
        task.set(Task.MIGRATE);
        sourceAddress.set(env.source());
        targetAddress.set(env.target());
        identityFile.set(env.identity().toString());
        knownHostsFile.set(env.knownHosts().toString());
        composeDir.set(env.composeDir());
    }
}
