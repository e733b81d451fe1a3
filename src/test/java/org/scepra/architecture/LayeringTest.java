package org.scepra.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the arrows one way: web → ra → spi ← backends; protocol depends on nothing above it. */
class LayeringTest {
  static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.scepra");
  }

  @Test
  void protocolIsPureJavaAndBouncyCastle() {
    noClasses().that().resideInAPackage("org.scepra.protocol..")
        .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "javax.servlet..", "org.eclipse.microprofile..",
            "org.scepra.ra..", "org.scepra.web..", "org.scepra.spi..", "org.scepra.backend..", "org.scepra.store..")
        .check(main);
  }

  @Test
  void backendsSeeOnlyTheSpi() {
    noClasses().that().resideInAPackage("org.scepra.backend..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.scepra.protocol..", "org.scepra.ra..", "org.scepra.web..", "org.scepra.store..")
        .check(main);
  }

  @Test
  void spiKnowsNothingOfScepraOrTheWire() {
    noClasses().that().resideInAPackage("org.scepra.spi..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.scepra.protocol..", "org.scepra.ra..", "org.scepra.web..", "org.scepra.backend..", "org.scepra.store..")
        .check(main);
  }

  @Test
  void raNeverNamesAConcreteBackendOrTheWebLayer() {
    noClasses().that().resideInAPackage("org.scepra.ra..")
        .should().dependOnClassesThat().resideInAnyPackage("org.scepra.backend..", "org.scepra.web..")
        .check(main);
  }

  @Test
  void raDeclaresRepositoriesAndNeverSeesJpa() {
    noClasses().that().resideInAPackage("org.scepra.ra..")
        .should().dependOnClassesThat().resideInAnyPackage("org.scepra.store..", "jakarta.persistence..")
        .check(main);
  }

  @Test
  void noOneButTheWebLayerUsesServlets() {
    noClasses().that().resideOutsideOfPackage("org.scepra.web..")
        .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "jakarta.ws.rs..")
        .check(main);
  }
}
