package dev.augur.operator;

import dev.augur.operator.config.OperatorConfig;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The operator's defaults (as in {@link OperatorConfig}) for tests that need no Quarkus. */
public record TestConfig(String deploymentMode, boolean knative) implements OperatorConfig {

    public static TestConfig defaults() {
        return new TestConfig("Serverless", true);
    }

    @Override
    public Optional<Set<String>> namespaces() {
        return Optional.empty();
    }

    @Override
    public String domain() {
        return "example.com";
    }

    @Override
    public Images images() {
        return new Images() {
            @Override
            public String predictor() {
                return "augur/predictor-jvm:latest";
            }

            @Override
            public String transformer() {
                return "augur/transformer-jvm:latest";
            }

            @Override
            public String explainer() {
                return "augur/explainer-jvm:latest";
            }
        };
    }

    @Override
    public Resources resources() {
        return new Resources() {
            @Override
            public String cpuRequest() {
                return "250m";
            }

            @Override
            public String memoryRequest() {
                return "512Mi";
            }

            @Override
            public String memoryLimit() {
                return "1Gi";
            }
        };
    }

    @Override
    public LeaderElection leaderElection() {
        return new LeaderElection() {
            @Override
            public boolean enabled() {
                return false;
            }

            @Override
            public String leaseName() {
                return "augur-operator";
            }
        };
    }

    @Override
    public NetworkPolicy networkPolicy() {
        return new NetworkPolicy() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public List<String> gatewayLabels() {
                return List.of("app.kubernetes.io/name=augur-gateway");
            }

            @Override
            public Optional<String> gatewayNamespace() {
                return Optional.empty();
            }

            @Override
            public List<String> knativeNamespaces() {
                return List.of("knative-serving", "kourier-system");
            }

            @Override
            public Optional<List<String>> allowedNamespaces() {
                return Optional.empty();
            }
        };
    }

    @Override
    public int defaultCpuUtilization() {
        return 80;
    }
}
