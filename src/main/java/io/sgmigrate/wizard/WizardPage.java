package io.sgmigrate.wizard;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;

/** One page of the wizard: a title, its content, and whether Next may be pressed. */
public interface WizardPage {
    String title();

    Node content();

    /** Bound to the model: Next is enabled exactly when this is true. */
    ObservableBooleanValue valid();

    /** Called each time the page is shown. */
    default void shown() {}

    /** Called each time another page is shown instead (a page lets go of what it should not keep). */
    default void hidden() {}
}
