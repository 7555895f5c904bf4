package io.sgmigrate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine knows nothing of its fronts; the two fronts know nothing of each other. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.sgmigrate");
    }

    @Test
    void engineNeverTouchesJavaFx() {
        noClasses().that().resideInAPackage("io.sgmigrate.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..", "org.kordamp..")
                .check(classes);
    }

    @Test
    void engineNeverDependsOnAFront() {
        noClasses().that().resideInAPackage("io.sgmigrate.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.sgmigrate.wizard..", "io.sgmigrate.cli..", "picocli..")
                .check(classes);
    }

    @Test
    void theCommandLineNeverLoadsJavaFx() {
        noClasses().that().resideInAPackage("io.sgmigrate.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.sgmigrate.wizard..")
                .check(classes);
    }

    @Test
    void theWizardNeverUsesTheCommandLine() {
        noClasses().that().resideInAPackage("io.sgmigrate.wizard..")
                .should().dependOnClassesThat().resideInAnyPackage("io.sgmigrate.cli..", "picocli..")
                .check(classes);
    }
}
