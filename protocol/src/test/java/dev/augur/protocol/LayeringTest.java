package dev.augur.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The protocol layer stays plain Java so every service (and the operator) can use it. */
class LayeringTest {
    @Test
    void protocolImportsNoFrameworks() {
        noClasses().that().resideInAPackage("dev.augur.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta.ws.rs..", "io.vertx..",
                        "jakarta.enterprise..", "io.smallrye..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.augur.protocol"));
    }
}
