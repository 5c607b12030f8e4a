package dev.augur.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each service is its own process and image: what two services share lives in a library module (protocol, server,
 * client, telemetry, isvc, transformer-spi, catalog), never in one service imported by another.
 */
class ServiceIsolationTest {
    private static final List<String> SERVICES = List.of("gateway", "predictor", "transformer", "explainer",
            "operator");

    /** A service's own classes; the transformer's step interface is a library (transformer-spi), not the service. */
    private static DescribedPredicate<JavaClass> service(String name) {
        DescribedPredicate<JavaClass> in = resideInAPackage("dev.augur." + name + "..");
        if (!name.equals("transformer")) {
            return in;
        }
        return in.and(DescribedPredicate.not(resideInAPackage("dev.augur.transformer.spi..")))
                .as("reside in dev.augur.transformer.. but not .spi");
    }

    private static void check(String name) {
        DescribedPredicate<JavaClass> others = SERVICES.stream().filter(s -> !s.equals(name))
                .map(ServiceIsolationTest::service)
                .reduce((a, b) -> a.or(b)).orElseThrow()
                .as("reside in another service module");
        noClasses().that(service(name)).should().dependOnClassesThat(others)
                .because("services share code through library modules only")
                .check(MainClasses.ALL);
    }

    @Test
    void gatewayImportsNoOtherService() {
        check("gateway");
    }

    @Test
    void predictorImportsNoOtherService() {
        check("predictor");
    }

    @Test
    void transformerImportsNoOtherService() {
        check("transformer");
    }

    @Test
    void explainerImportsNoOtherService() {
        check("explainer");
    }

    @Test
    void operatorImportsNoOtherService() {
        check("operator");
    }
}
