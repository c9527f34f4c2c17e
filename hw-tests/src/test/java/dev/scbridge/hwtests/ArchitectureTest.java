package dev.scbridge.hwtests;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * design.md: modules depend downward only, apdu <- virtual-card <- pcsc <- rdp-channel <- bridge, and apdu/ does
 * no I/O. Maven already refuses cycles between modules; this catches a class placed in the wrong package or an
 * upward reach through a package that happens to be on the classpath.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.scbridge");

    @Test
    void layersDependDownwardOnly() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("apdu").definedBy("dev.scbridge.apdu..")
                .layer("card").definedBy("dev.scbridge.card..")
                .layer("pcsc").definedBy("dev.scbridge.pcsc..")
                .layer("rdp").definedBy("dev.scbridge.rdp..")
                .layer("bridge").definedBy("dev.scbridge.bridge..", "dev.scbridge.ca..", "dev.scbridge.cli..")
                .layer("sidecar").definedBy("dev.scbridge.sidecar..")
                .whereLayer("sidecar").mayNotBeAccessedByAnyLayer()
                .whereLayer("bridge").mayOnlyBeAccessedByLayers("sidecar")
                .whereLayer("rdp").mayOnlyBeAccessedByLayers("bridge", "sidecar")
                .whereLayer("pcsc").mayOnlyBeAccessedByLayers("rdp", "bridge", "sidecar")
                .whereLayer("card").mayOnlyBeAccessedByLayers("pcsc", "rdp", "bridge", "sidecar")
                .whereLayer("apdu").mayOnlyBeAccessedByLayers("card", "pcsc", "rdp", "bridge", "sidecar")
                .withOptionalLayers(true)
                .check(CLASSES);
    }

    @Test
    void apduDoesNoIoAndHasNoDependencies() {
        noClasses().that().resideInAPackage("dev.scbridge.apdu..")
                .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net..", "javax.net..",
                        "org..", "com..", "io..", "net..")
                .orShould().dependOnClassesThat().haveNameMatching("java\\.io\\.(File|Random).*")
                .check(CLASSES);
    }

    @Test
    void cliIsNotUsedByTheLibrary() {
        noClasses().that().resideOutsideOfPackage("dev.scbridge.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.scbridge.cli..")
                .check(CLASSES);
    }
}
