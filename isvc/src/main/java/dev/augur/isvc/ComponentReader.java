package dev.augur.isvc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads one component mapping (predictor, transformer or explainer) with KServe's component-level fields. */
final class ComponentReader {
    private ComponentReader() {
    }

    static Component read(Fields f, ComponentKind kind) {
        ModelSpec model = null;
        String modelField = null;
        if (kind == ComponentKind.PREDICTOR) {
            Fields m = f.object("model");
            if (m != null) {
                model = model(m, null);
                modelField = "model";
            }
            for (String framework : InferenceServiceParser.FRAMEWORKS) {
                Fields s = f.object(framework);
                if (s != null) {
                    if (modelField != null) {
                        throw f.error(framework, "cannot be set together with " + f.at(modelField));
                    }
                    model = model(s, framework);
                    modelField = framework;
                }
            }
        }
        List<Container> containers = new ArrayList<>();
        for (Fields c : f.objectList("containers")) {
            containers.add(container(c));
        }
        if (modelField != null && !containers.isEmpty()) {
            throw f.error("containers", "cannot be set together with " + f.at(modelField));
        }
        if (modelField == null && containers.isEmpty()) {
            throw new InvalidSpecException(f.source(), f.path(), kind == ComponentKind.PREDICTOR
                    ? "must set model (or a framework such as sklearn) or containers"
                    : "must set containers");
        }
        Integer min = f.nonNegative("minReplicas");
        Integer max = f.nonNegative("maxReplicas");
        int minReplicas = min == null ? Component.DEFAULT_MIN_REPLICAS : min;
        int maxReplicas = max == null ? 0 : max;
        if (maxReplicas > 0 && maxReplicas < minReplicas) {
            throw f.error("maxReplicas", "(" + maxReplicas + ") must not be less than minReplicas (" + minReplicas
                    + ")");
        }
        Integer scaleTarget = f.positive("scaleTarget");
        Component.ScaleMetric metric = f.choice("scaleMetric", Component.ScaleMetric.values(),
                Component.ScaleMetric::value);
        Integer concurrency = f.nonNegative("containerConcurrency");
        Integer timeout = f.positive("timeout");
        Integer canary = f.integer("canaryTrafficPercent", 0, 100, "an integer from 0 to 100");
        Batcher batcher = batcher(f.object("batcher"));
        PayloadLogger logger = logger(f.object("logger"));
        String serviceAccount = f.string("serviceAccountName");
        f.rejectUnknown();
        return new Component(kind, model, containers, minReplicas, maxReplicas, scaleTarget, metric,
                concurrency == null ? 0 : concurrency, timeout, canary, batcher, logger, serviceAccount);
    }

    /** {@code model:} when {@code framework} is null, else a framework shorthand, which has no modelFormat. */
    private static ModelSpec model(Fields m, String framework) {
        String format = framework;
        String formatVersion = null;
        String runtime = null;
        if (framework == null) {
            Fields mf = m.object("modelFormat");
            if (mf == null) {
                throw m.error("modelFormat", "is required");
            }
            format = mf.requiredString("name");
            formatVersion = mf.string("version");
            mf.rejectUnknown();
            runtime = m.string("runtime");
        }
        String storageUri = m.string("storageUri");
        ModelSpec.ProtocolVersion protocol = m.choice("protocolVersion", ModelSpec.ProtocolVersion.values(),
                ModelSpec.ProtocolVersion::value);
        String runtimeVersion = m.string("runtimeVersion");
        List<String> args = m.stringList("args");
        Map<String, String> env = env(m);
        Resources resources = resources(m.object("resources"));
        m.rejectUnknown();
        return new ModelSpec(format, formatVersion, storageUri, protocol, runtime, runtimeVersion, args, env,
                resources);
    }

    private static Container container(Fields c) {
        String name = c.string("name");
        String image = c.string("image");
        List<String> command = c.stringList("command");
        List<String> args = c.stringList("args");
        Map<String, String> env = env(c);
        Resources resources = resources(c.object("resources"));
        List<Container.Port> ports = new ArrayList<>();
        for (Fields p : c.objectList("ports")) {
            ports.add(port(p));
        }
        Container.Probe readiness = probe(c.object("readinessProbe"));
        // Read so a Knative-style spec is accepted; local mode acts on readiness only (a dead process is restarted).
        probe(c.object("livenessProbe"));
        c.rejectUnknown();
        return new Container(name, image, command, args, env, resources, ports, readiness);
    }

    private static Container.Port port(Fields p) {
        String name = p.string("name");
        Integer number = p.integer("containerPort", 1, 65535, "a port number (1-65535)");
        if (number == null) {
            throw p.error("containerPort", "is required");
        }
        p.string("protocol");
        p.rejectUnknown();
        return new Container.Port(name, number);
    }

    /** A Kubernetes probe: the {@code httpGet} path and port are kept, the other kinds and timings are accepted. */
    private static Container.Probe probe(Fields f) {
        if (f == null) {
            return null;
        }
        for (String timing : List.of("initialDelaySeconds", "periodSeconds", "timeoutSeconds", "failureThreshold",
                "successThreshold", "terminationGracePeriodSeconds")) {
            f.nonNegative(timing);
        }
        f.object("tcpSocket");
        f.object("grpc");
        f.object("exec");
        Fields http = f.object("httpGet");
        f.rejectUnknown();
        if (http == null) {
            return new Container.Probe(null, null);
        }
        String path = http.string("path");
        JsonNode port = http.get("port");
        Integer number = null;
        if (port != null && port.isIntegralNumber()) {
            number = http.integer("port", 1, 65535, "a port number (1-65535) or a port name");
        }
        http.string("scheme");
        http.string("host");
        http.get("httpHeaders");
        http.rejectUnknown();
        return new Container.Probe(path == null || path.isEmpty() ? "/" : path, number);
    }

    /** Kubernetes {@code env}: a list of {@code {name, value}}. */
    private static Map<String, String> env(Fields f) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Fields e : f.objectList("env")) {
            String name = e.requiredString("name");
            if (e.has("valueFrom")) {
                throw e.error("valueFrom", "is not supported yet; give a literal value");
            }
            String value = e.string("value");
            e.rejectUnknown();
            env.put(name, value == null ? "" : value);
        }
        return env;
    }

    static Resources resources(Fields r) {
        if (r == null) {
            return null;
        }
        Resources out = new Resources(r.stringMap("requests"), r.stringMap("limits"));
        r.rejectUnknown();
        return out;
    }

    private static Batcher batcher(Fields b) {
        if (b == null) {
            return null;
        }
        Batcher out = new Batcher(b.positive("maxBatchSize"), b.positive("maxLatency"), b.positive("timeout"));
        b.rejectUnknown();
        return out;
    }

    private static PayloadLogger logger(Fields l) {
        if (l == null) {
            return null;
        }
        PayloadLogger.Mode mode = l.choice("mode", PayloadLogger.Mode.values(), PayloadLogger.Mode::value);
        PayloadLogger out = new PayloadLogger(mode == null ? PayloadLogger.Mode.ALL : mode, l.string("url"));
        l.rejectUnknown();
        return out;
    }
}
