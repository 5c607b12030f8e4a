package dev.augur.gateway.service;

import dev.augur.catalog.Endpoint;
import dev.augur.catalog.Lease;
import dev.augur.catalog.ServiceCatalog;
import dev.augur.client.ComponentClient;
import dev.augur.client.Peer;
import dev.augur.client.StreamListener;
import dev.augur.client.StreamRequest;
import dev.augur.gateway.client.ComponentClients;
import dev.augur.gateway.client.RestComponents;
import dev.augur.gateway.config.GatewayConfig;
import dev.augur.isvc.ComponentKind;
import dev.augur.isvc.ComponentProtocol;
import dev.augur.isvc.InferenceService;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.ModelNames;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.ModelMetadata;
import io.grpc.Deadline;
import io.grpc.MethodDescriptor;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The gateway's data plane, shared by every transport: resolves the InferenceService a request addresses, picks
 * the component (transformer when it has one, else predictor; explainer for explain), leases a ready
 * revision from the catalog and calls it over V2 gRPC.
 */
@Singleton
public class Router {
    private final ServiceCatalog catalog;
    private final ComponentClient client;
    private final Telemetry telemetry;
    private final ExchangeTracing tracing;
    private final String domain;
    private final Gate gate;
    private final RestComponents rest;
    /** Model signatures by revision, for typing V1 requests; a revision never changes its model. */
    private final Map<String, CompletableFuture<ModelMetadata>> signatures = new ConcurrentHashMap<>();

    public Router(ServiceCatalog catalog, ComponentClient client, Telemetry telemetry, ExchangeTracing tracing,
            GatewayConfig config, Gate gate, RestComponents rest) {
        this.catalog = catalog;
        this.rest = rest;
        this.gate = gate;
        this.client = client;
        this.telemetry = telemetry;
        this.tracing = tracing;
        this.domain = config.gateway().domain();
    }

    /**
     * The service addressed by {@code Host: <isvc>.<namespace>.<domain>} (or {@code <isvc>-<component>...}, one of its
     * components), else by the model name; 404 if none.
     */
    public Target resolve(Exchange ex, String host, String model) {
        Optional<HostRouting.Route> route = HostRouting.parse(host, domain);
        // Admitted before the lookup, so a caller outside its grant learns nothing of which services exist.
        gate.admit(ex, route.isEmpty() ? model : route.get().service());
        if (route.isEmpty()) {
            InferenceService service = catalog.find(model).orElseThrow(() -> InferenceException.notFound(
                    "InferenceService '" + ModelNames.check(model) + "' not found"));
            ex.service(service.name());
            return new Target(service, service.name(), null);
        }
        HostRouting.Route h = route.get();
        Target t = inNamespace(h.service(), h.namespace(), null);
        if (t == null) {
            // KServe names a component's host <isvc>-<component>; a service's own name wins over that reading.
            for (ComponentKind kind : ComponentKind.values()) {
                String suffix = "-" + kind.field();
                if (h.service().endsWith(suffix) && t == null) {
                    t = inNamespace(h.service().substring(0, h.service().length() - suffix.length()), h.namespace(),
                            kind);
                }
            }
        }
        if (t == null) {
            throw InferenceException.notFound("no InferenceService '" + h.service() + "' in namespace '"
                    + h.namespace() + "' (Host " + host + ")");
        }
        if (t.component() != null && t.service().component(t.component()).isEmpty()) {
            throw InferenceException.notFound("InferenceService '" + t.service().name() + "' has no "
                    + t.component().field() + " (Host " + host + ")");
        }
        ex.service(t.service().name());
        return t;
    }

    /** The InferenceService an InferenceGraph step names, in the graph's namespace; 404 if none. */
    public Target step(Exchange ex, String name, String namespace) {
        Target t = inNamespace(name, namespace, null);
        if (t == null) {
            throw InferenceException.notFound("no InferenceService '" + name + "' in namespace '" + namespace + "'");
        }
        ex.service(name);
        return t;
    }

    /** Labels an exchange that addresses an InferenceGraph, for its metrics and access-log line. */
    public static void graph(Exchange ex, String graph) {
        ex.service(graph);
        ex.component("graph");
    }

    private Target inNamespace(String name, String namespace, ComponentKind component) {
        return catalog.find(name).filter(s -> s.namespace().equals(namespace))
                .map(s -> new Target(s, s.name(), component)).orElse(null);
    }

    /** Names the V1 model list shows: the one service a Host addresses, else every service. */
    public List<String> modelNames(String host) {
        return HostRouting.parse(host, domain)
                .map(h -> catalog.find(h.service()).filter(s -> s.namespace().equals(h.namespace()))
                        .map(s -> List.of(s.name())).orElse(List.of()))
                .orElseGet(() -> catalog.services().stream().map(InferenceService::name).toList());
    }

    public boolean ready() {
        return catalog.ready();
    }

    /**
     * ModelInfer, for every caller: the payload goes to the component that serves {@code t} and its answer comes
     * back in the payload's kind. An encoded message goes as it is (retargeted at {@code t.model()} when routing
     * renamed it) and its encoded answer comes back, not decoded here; a neutral request is typed for the serving
     * revision, encoded once into the call and its answer decoded once out of it.
     *
     * @param callerDeadline the deadline the caller already has (a gRPC client's), or null; the call gets the
     *                       earlier of it and the component's timeout
     */
    @SuppressWarnings("unchecked") // Payload's factories tie A to the payload's kind: Buffer for wire, else neutral
    public <A> CompletableFuture<A> infer(Exchange ex, Target t, Payload<A> payload, Deadline callerDeadline) {
        ComponentKind kind = predictEntry(t);
        InferenceRequest request = payload.request();
        return withComponent(ex, t, kind, "ModelInfer", e -> {
            Peer peer = ComponentClients.peer(e);
            ComponentProtocol protocol = RestComponents.protocol(t.service(), kind);
            if (protocol.rest()) {
                return (CompletableFuture<A>) timed(ex, kind, e, rest.infer(peer, ex.forwarded(), callerDeadline,
                        request, request == null ? payload.wireFor(t.model()) : null, t.model(), protocol));
            }
            if (request == null) {
                return (CompletableFuture<A>) timed(ex, kind, e, client.inferBytes(peer, ex.forwarded(),
                        callerDeadline, payload.wireFor(t.model())));
            }
            return (CompletableFuture<A>) typed(ex, kind, e, t, request).thenCompose(r -> timed(ex, kind, e,
                    client.infer(peer, ex.forwarded(), callerDeadline, r.withTarget(t.model(),
                            request.modelVersion()))));
        });
    }

    /**
     * ModelStreamInfer (a generation) to the service's predictor, leased, traced and timed like {@link #infer}; the
     * component's timeout bounds the whole stream. The lease is held until the stream ends or is cancelled.
     */
    public <R> RoutedStream<R> stream(Exchange ex, Target t, StreamRequest<R> request, StreamListener<R> listener) {
        RoutedStream<R> stream = new RoutedStream<>(listener);
        StreamRequest<R> out = request.withModel(t.model());
        withComponent(ex, t, ComponentKind.PREDICTOR, "ModelStreamInfer", e -> timed(ex, ComponentKind.PREDICTOR, e,
                stream.start(relay -> client.stream(ComponentClients.peer(e), ex.forwarded(), out, relay))))
                .whenComplete((v, error) -> stream.failed(error));
        return stream;
    }

    /** A model's inputs and outputs (ModelMetadata) as the neutral type, for the REST transports. */
    public CompletableFuture<ModelMetadata> metadata(Exchange ex, Target t, String version) {
        return withComponent(ex, t, directOrPredictor(t), "ModelMetadata", e -> client.metadata(
                ComponentClients.peer(e), ex.forwarded(), null, t.model(), version));
    }

    /**
     * A model's unary call (ModelMetadata, ModelReady) for the gRPC transport, which forwards the component's answer
     * as it is: to the predictor unless a component Host names another, the request aimed at {@code t.model()}.
     */
    public <Q, R> CompletableFuture<R> modelCall(Exchange ex, Target t, MethodDescriptor<Q, R> method,
            Function<String, Q> request) {
        return withComponent(ex, t, directOrPredictor(t), method.getBareMethodName(), e -> client.call(
                ComponentClients.peer(e), ex.forwarded(), null, method, request.apply(t.model())));
    }

    public CompletableFuture<Boolean> modelReady(Exchange ex, Target t, String version) {
        return withComponent(ex, t, directOrPredictor(t), "ModelReady", e -> client.ready(ComponentClients.peer(e),
                ex.forwarded(), null, t.model(), version));
    }

    /**
     * {@code :explain}: the explainer of the service, which calls the predictor (through this gateway) with its
     * perturbed samples. The answer is the explainer's {@code {"explanations": ...}} document as it wrote it.
     */
    public CompletableFuture<byte[]> explain(Exchange ex, Target t, InferenceRequest request) {
        if (t.service().explainer().isEmpty()) {
            ex.component(ComponentKind.EXPLAINER.field());
            return CompletableFuture.failedFuture(InferenceException.notFound("InferenceService '"
                    + t.service().name() + "' has no explainer (spec.explainer)"));
        }
        InferenceRequest call = request.withTarget(t.model(), request.modelVersion());
        return withComponent(ex, t, ComponentKind.EXPLAINER, "Explain", e -> timed(ex, ComponentKind.EXPLAINER, e,
                client.explain(ComponentClients.peer(e), ex.forwarded(), null, call)));
    }

    /**
     * Predict enters at the component a component Host names, else at the transformer when the service has one,
     * else at the predictor. A transformer is never skipped: its model expects what the transformer makes.
     */
    private static ComponentKind predictEntry(Target t) {
        if (t.component() != null) {
            return t.component();
        }
        return t.service().transformer().isPresent() ? ComponentKind.TRANSFORMER : ComponentKind.PREDICTOR;
    }

    /** Model metadata and readiness describe the predictor's model, unless a component Host names another. */
    private static ComponentKind directOrPredictor(Target t) {
        return t.component() != null ? t.component() : ComponentKind.PREDICTOR;
    }

    /** Leases a ready revision, runs the call on it and releases it when the call is over. */
    private <R> CompletableFuture<R> withComponent(Exchange ex, Target t, ComponentKind kind, String rpc,
            Function<Endpoint, CompletableFuture<R>> call) {
        ex.component(kind.field());
        InferenceException unsupported = RestComponents.unsupported(t.service(), kind, rpc);
        if (unsupported != null) {
            return CompletableFuture.failedFuture(unsupported);
        }
        long waitStart = System.nanoTime();
        CompletableFuture<Lease> lease = catalog.acquire(t.service(), kind);
        boolean waited = !lease.isDone();
        return lease.thenCompose(l -> {
            Endpoint e = l.endpoint();
            if (waited) {
                telemetry.activation(t.service().name(), e.component(), System.nanoTime() - waitStart);
            }
            ex.revision(e.revision());
            var span = tracing.calling(ex, kind, e, rpc);
            CompletableFuture<R> result;
            try {
                result = call.apply(e);
            } catch (RuntimeException failure) {
                result = CompletableFuture.failedFuture(failure);
            }
            return result.whenComplete((r, error) -> {
                l.release();
                tracing.called(span, error);
            });
        });
    }

    private <R> CompletableFuture<R> timed(Exchange ex, ComponentKind kind, Endpoint e, CompletableFuture<R> call) {
        long start = System.nanoTime();
        return call.whenComplete((r, error) -> telemetry.component(ex.service(), kind, e.revision(),
                System.nanoTime() - start));
    }

    /**
     * V1 requests to a predictor get the model's names and types (signature cached per revision); V2 ones, and
     * anything for a transformer (whose steps read named fields themselves), go as they are.
     */
    private CompletableFuture<InferenceRequest> typed(Exchange ex, ComponentKind kind, Endpoint e, Target t,
            InferenceRequest r) {
        if (!r.typeless() || kind != ComponentKind.PREDICTOR) {
            return CompletableFuture.completedFuture(r);
        }
        CompletableFuture<ModelMetadata> signature = signatures.computeIfAbsent(e.revision(), k -> client
                .metadata(ComponentClients.peer(e), ex.forwarded(), null, t.model(), null));
        return signature.whenComplete((m, error) -> {
            if (error != null) {
                signatures.remove(e.revision(), signature);
            }
        }).thenApply(m -> V1Typing.apply(r, m));
    }
}
