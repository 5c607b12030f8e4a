package dev.augur.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

/**
 * The {@code api} packages are transports: they decode, call one service entry point and encode. Model, routing and
 * process logic lives below them, and nothing below calls back up into a transport.
 */
class ThinApiTest {
    @Test
    void apiClassesDoNotReachModelRuntimesOrInternals() {
        noClasses().that().resideInAPackage("dev.augur..api..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        // predictor: models are reached through service.DataPlane only
                        "dev.augur.predictor.runtime..", "dev.augur.predictor.repository..",
                        "dev.augur.predictor.batching..", "dev.augur.predictor.storage..",
                        // transformer and explainer: steps and algorithms run behind their service
                        "dev.augur.transformer.steps..", "dev.augur.explainer.algorithm..",
                        // gateway: process supervision and the Kubernetes catalog sit behind the catalog seam
                        "dev.augur.gateway.local..", "dev.augur.gateway.cluster..", "dev.augur.supervisor..",
                        // libraries that only runtimes, the Kafka path and the operator use
                        "ai.onnxruntime..", "ml.dmlc.xgboost4j..", "com.microsoft.ml.lightgbm..", "org.pmml4s..",
                        "org.apache.kafka..", "io.fabric8..")
                .because("api classes stay thin: no routing or model logic in a transport")
                .check(MainClasses.ALL);
    }

    @Test
    void nothingOutsideApiDependsOnApi() {
        noClasses().that().resideInAPackage("dev.augur..").and().resideOutsideOfPackage("dev.augur..api..")
                .should().dependOnClassesThat().resideInAPackage("dev.augur..api..")
                .because("transports are the top layer: services do not call back into them")
                .check(MainClasses.ALL);
    }
}
