package dev.augur.operator.plan;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.augur.isvc.Component;
import dev.augur.isvc.ComponentKind;
import dev.augur.isvc.Container;
import dev.augur.isvc.InferenceService;
import dev.augur.isvc.ModelSpec;
import dev.augur.isvc.Resources;
import dev.augur.operator.config.DeploymentMode;
import dev.augur.operator.config.OperatorConfig;
import dev.augur.operator.plan.ComponentPlan.ContainerPlan;
import dev.augur.operator.plan.ComponentPlan.ModelConfig;
import dev.augur.operator.plan.ComponentPlan.PvcMount;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a parsed InferenceService into one {@link ComponentPlan} per component, or refuses it with the reason when
 * this cluster cannot run it. Pure: no client calls, so every rule is unit-tested.
 */
public final class Planner {
    /** Where the predictor's model repository is mounted (KServe mounts models at {@code /mnt/models} too). */
    public static final String MODEL_REPOSITORY = "/mnt/models";
    /** The formats Augur's predictor serves (see the root README's model repository table). */
    public static final Set<String> FORMATS = Set.of("onnx", "xgboost", "lightgbm", "pmml");
    /** What the predictor can fetch itself; {@code pvc://} is mounted by the operator. */
    private static final List<String> FETCHED = List.of("s3://", "http://", "https://", "file://", "/");
    private static final String DEFAULT_CONTAINER = "kserve-container";

    private final OperatorConfig config;

    public Planner(OperatorConfig config) {
        this.config = config;
    }

    /** The plans, predictor first; throws {@link UnsupportedSpecException} naming the first problem. */
    public List<ComponentPlan> plan(InferenceService isvc, DeploymentMode mode) {
        if (mode == DeploymentMode.SERVERLESS && !config.knative()) {
            throw new UnsupportedSpecException("KnativeNotInstalled", "deployment mode Serverless needs Knative "
                    + "Serving, which this operator is configured without (augur.operator.knative=false); "
                    + "annotate the InferenceService with serving.kserve.io/deploymentMode: Standard");
        }
        List<ComponentPlan> plans = new ArrayList<>();
        for (ComponentKind kind : ComponentKind.values()) {
            Optional<Component> c = isvc.component(kind);
            if (c.isPresent()) {
                checkMode(c.get(), mode);
                plans.add(plan(isvc, c.get()));
            }
        }
        return plans;
    }

    private void checkMode(Component c, DeploymentMode mode) {
        String at = "spec." + c.kind().field();
        if (mode != DeploymentMode.STANDARD) {
            return;
        }
        if (c.canaryTrafficPercent() != null) {
            throw new UnsupportedSpecException("CanaryNeedsServerless", at + ".canaryTrafficPercent needs "
                    + "deployment mode Serverless (Knative revisions); Standard mode has one Deployment per component");
        }
        if (c.scaleMetric() == Component.ScaleMetric.CONCURRENCY || c.scaleMetric() == Component.ScaleMetric.RPS) {
            throw new UnsupportedSpecException("ScaleMetricNeedsServerless", at + ".scaleMetric "
                    + c.scaleMetric().value() + " needs deployment mode Serverless (Knative's autoscaler); the "
                    + "HPA of Standard mode scales on cpu or memory");
        }
    }

    private ComponentPlan plan(InferenceService isvc, Component c) {
        if (c.model() != null) {
            return modelPredictor(isvc, c);
        }
        String at = "spec." + c.kind().field() + ".containers";
        if (c.containers().size() > 1) {
            throw new UnsupportedSpecException("UnsupportedContainers", at + " has " + c.containers().size()
                    + " containers; one container per component is supported");
        }
        Container k = c.containers().get(0);
        if (k.image() == null || k.image().isBlank()) {
            throw new UnsupportedSpecException("InvalidContainer", at + "[0].image is required");
        }
        Map<String, String> env = new LinkedHashMap<>(k.env());
        String predictor = c.kind() == ComponentKind.PREDICTOR ? null
                : isvc.predictor().qualifiedName(isvc.name()) + "." + isvc.namespace() + ".svc.cluster.local:80";
        // Augur's transformer and explainer call the predictor over V2 gRPC; tell them where (KServe passes
        // --predictor_host to its transformers the same way).
        if (c.kind() == ComponentKind.TRANSFORMER) {
            env.putIfAbsent("AUGUR_TRANSFORMER_PREDICTOR_ADDRESS", predictor);
            // Clients call the transformer by the InferenceService's name, whatever its pipeline file says.
            env.putIfAbsent("AUGUR_TRANSFORMER_MODEL_NAME", isvc.name());
        } else if (c.kind() == ComponentKind.EXPLAINER) {
            env.putIfAbsent("AUGUR_EXPLAINER_PREDICTOR", predictor);
        }
        ContainerPlan container = new ContainerPlan(k.name() == null ? DEFAULT_CONTAINER : k.name(), k.image(),
                k.command(), k.args(), env, requests(k.resources()), limits(k.resources()), isAugurImage(k.image()));
        return new ComponentPlan(isvc.name(), isvc.namespace(), c, container, Optional.empty(), Optional.empty());
    }

    private ComponentPlan modelPredictor(InferenceService isvc, Component c) {
        ModelSpec m = c.model();
        String at = "spec.predictor.model";
        if (!FORMATS.contains(m.format())) {
            throw new UnsupportedSpecException("UnsupportedModelFormat", at + ".modelFormat.name " + m.format()
                    + " is not served by Augur's predictor (" + String.join(", ", FORMATS.stream().sorted().toList())
                    + "); export the model to ONNX or run your own server with containers");
        }
        if (m.storageUri() == null || m.storageUri().isBlank()) {
            throw new UnsupportedSpecException("MissingStorageUri", at + ".storageUri is required in a cluster");
        }
        Optional<PvcMount> pvc = Optional.empty();
        String storage = m.storageUri();
        if (storage.startsWith("pvc://")) {
            String rest = storage.substring("pvc://".length());
            int slash = rest.indexOf('/');
            String claim = slash < 0 ? rest : rest.substring(0, slash);
            if (claim.isEmpty()) {
                throw new UnsupportedSpecException("UnsupportedStorageUri", at + ".storageUri " + storage
                        + " names no claim (pvc://<claim>/<path>)");
            }
            String mount = "/mnt/pvc/" + claim;
            pvc = Optional.of(new PvcMount(claim, mount));
            storage = slash < 0 ? mount : mount + rest.substring(slash);
        } else if (FETCHED.stream().noneMatch(storage::startsWith)) {
            throw new UnsupportedSpecException("UnsupportedStorageUri", at + ".storageUri " + storage
                    + " has a scheme the predictor cannot fetch (s3://, http(s)://, pvc://, file:// or an absolute "
                    + "path in the image)");
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("format", m.format());
        settings.put("storage_uri", storage);
        if (c.batcher() != null) {
            // KServe's batcher sidecar becomes the predictor's own dynamic batching.
            if (c.batcher().maxBatchSize() != null) {
                settings.put("max_batch_size", c.batcher().maxBatchSize());
            }
            if (c.batcher().maxLatency() != null) {
                settings.put("max_latency_ms", c.batcher().maxLatency());
            }
        }
        String yaml = yaml(settings);
        String configMap = c.qualifiedName(isvc.name()) + "-model-" + sha256(yaml).substring(0, 10);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AUGUR_MODEL_REPOSITORY", MODEL_REPOSITORY);
        env.putAll(m.env());
        ContainerPlan container = new ContainerPlan(DEFAULT_CONTAINER, config.images().predictor(), List.of(),
                m.args(), env, requests(m.resources()), limits(m.resources()), true);
        return new ComponentPlan(isvc.name(), isvc.namespace(), c, container,
                Optional.of(new ModelConfig(configMap, yaml)), pvc);
    }

    private Map<String, String> requests(Resources r) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("cpu", config.resources().cpuRequest());
        out.put("memory", config.resources().memoryRequest());
        if (r != null) {
            out.putAll(r.requests());
        }
        return out;
    }

    private Map<String, String> limits(Resources r) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("memory", config.resources().memoryLimit());
        if (r != null) {
            out.putAll(r.limits());
        }
        return out;
    }

    /** Same repository as one of Augur's images, whatever the tag or digest. */
    private boolean isAugurImage(String image) {
        String repo = repository(image);
        return repo.equals(repository(config.images().predictor()))
                || repo.equals(repository(config.images().transformer()))
                || repo.equals(repository(config.images().explainer()));
    }

    private static String repository(String image) {
        int at = image.indexOf('@');
        String s = at < 0 ? image : image.substring(0, at);
        int colon = s.lastIndexOf(':');
        return colon > s.lastIndexOf('/') ? s.substring(0, colon) : s;
    }

    /**
     * One {@code key: value} line per setting, strings as JSON strings (JSON is YAML): the text, and so the
     * ConfigMap's name, depends only on the settings, never on a YAML writer's quoting rules.
     */
    static String yaml(Map<String, Object> settings) {
        StringBuilder out = new StringBuilder();
        settings.forEach((k, v) -> {
            out.append(k).append(": ");
            if (v instanceof Number) {
                out.append(v);
            } else {
                out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(v.toString())).append('"');
            }
            out.append('\n');
        });
        return out.toString();
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
