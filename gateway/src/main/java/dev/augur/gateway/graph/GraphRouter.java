package dev.augur.gateway.graph;

import com.fasterxml.jackson.databind.JsonNode;
import dev.augur.gateway.config.GatewayConfig;
import dev.augur.gateway.service.Exchange;
import dev.augur.isvc.GraphNode;
import dev.augur.isvc.GraphStep;
import dev.augur.isvc.InferenceGraph;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.ErrorTable;
import dev.augur.protocol.graph.GraphJson;
import dev.augur.protocol.v2.V2JsonCodec;
import dev.augur.server.Failures;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an InferenceGraph request with KServe's router semantics ({@code cmd/router/main.go}): Sequence, Switch,
 * Ensemble and Splitter nodes over JSON bodies passed on untouched, steps' statuses carried up, Hard steps ending
 * their node on failure. Where KServe's router has a known defect the sensible behaviour is taken (README,
 * "InferenceGraph").
 */
@ApplicationScoped
public class GraphRouter {
    private final StepCaller steps;
    private final GraphMetrics metrics;
    private final Duration defaultTimeout;

    public GraphRouter(StepCaller steps, GraphMetrics metrics, GatewayConfig config) {
        this.steps = steps;
        this.metrics = metrics;
        this.defaultTimeout = config.gateway().defaultTimeout();
    }

    /** One request through the graph, from its {@code root} node; never fails: errors are answers. */
    public CompletableFuture<GraphAnswer> run(Exchange ex, InferenceGraph graph, byte[] body) {
        Run run = new Run(ex, graph, graph.timeout() == null ? defaultTimeout : Duration.ofSeconds(graph.timeout()),
                new ConcurrentLinkedQueue<>());
        return node(run, graph.root(), body).orTimeout(run.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((a, error) -> {
                    StepAnswer out = error == null ? a : failure(run, error);
                    return new GraphAnswer(out.status(), out.body(), List.copyOf(run.trace()));
                });
    }

    private static StepAnswer failure(Run run, Throwable error) {
        Throwable cause = Failures.unwrap(error);
        if (cause instanceof RoutingError r) {
            return new StepAnswer(r.status(), GraphJson.routingError(r.getMessage()));
        }
        if (cause instanceof TimeoutException) {
            return new StepAnswer(ErrorTable.httpStatus(ErrorCode.DEADLINE_EXCEEDED), V2JsonCodec.encodeError(
                    "InferenceGraph '" + run.graph().name() + "' did not answer within " + run.timeout().toSeconds()
                            + "s (spec.timeout)"));
        }
        return StepCaller.failed(cause);
    }

    private CompletableFuture<StepAnswer> node(Run run, GraphNode node, byte[] input) {
        long start = System.nanoTime();
        return Failures.future(() -> switch (node.routerType()) {
            case SEQUENCE -> sequence(run, node, 0, input, null);
            case SWITCH -> switchNode(run, node, input);
            case ENSEMBLE -> ensemble(run, node, input);
            case SPLITTER -> step(run, node, pick(node), input);
        }).whenComplete((a, error) -> metrics.node(run.graph().name(), node.name(),
                a != null ? a.status() : statusOf(error), System.nanoTime() - start));
    }

    /**
     * Steps in order. {@code $response} sends the previous step's answer, else the request goes. A condition is
     * tested on the previous answer (on the request for the first step, which KServe's router cannot do); when it
     * does not match, the node ends with the answer so far, as KServe's does. A Hard step that fails ends the node
     * with its answer; a Soft one's answer is passed on.
     */
    private CompletableFuture<StepAnswer> sequence(Run run, GraphNode node, int i, byte[] input, StepAnswer last) {
        if (i == node.steps().size()) {
            return CompletableFuture.completedFuture(last);
        }
        GraphStep step = node.steps().get(i);
        if (step.condition() != null) {
            JsonNode doc = GraphJson.tree(last == null ? input : last.body());
            if (doc == null) {
                throw new RoutingError(500, "invalid response: the condition of step " + step.key() + " of node "
                        + node.name() + " needs JSON");
            }
            if (!step.condition().matches(doc)) {
                if (last == null) {
                    throw new RoutingError(404, "the condition of the first step of node " + node.name()
                            + " did not match the request");
                }
                return CompletableFuture.completedFuture(new StepAnswer(200, last.body()));
            }
        }
        byte[] request = step.data() == GraphStep.Data.RESPONSE && last != null ? last.body() : input;
        return step(run, node, step, request).thenCompose(a -> {
            if (step.dependency() == GraphStep.Dependency.HARD && !a.successful()) {
                return CompletableFuture.completedFuture(a);
            }
            return sequence(run, node, i + 1, input, a);
        });
    }

    /** The first step whose condition matches the request; KServe's 404 routing error when none does. */
    private CompletableFuture<StepAnswer> switchNode(Run run, GraphNode node, byte[] input) {
        JsonNode doc = GraphJson.tree(input);
        for (GraphStep step : node.steps()) {
            if (step.condition().matches(doc)) {
                return step(run, node, step, input);
            }
        }
        throw new RoutingError(404, "None of the routes matched with the switch condition");
    }

    /**
     * Every step at once; the answer is an object of their answers keyed by step name or index, 200. The first Hard
     * step (in step order) that failed answers instead, with its status; a Soft one's error body stands under its
     * key. Answers that are not JSON objects cannot be merged: a routing error, as in KServe.
     */
    private CompletableFuture<StepAnswer> ensemble(Run run, GraphNode node, byte[] input) {
        List<CompletableFuture<StepAnswer>> calls = new ArrayList<>();
        for (GraphStep step : node.steps()) {
            calls.add(step(run, node, step, input));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, byte[]> merged = new LinkedHashMap<>();
            for (int i = 0; i < calls.size(); i++) {
                GraphStep step = node.steps().get(i);
                StepAnswer a = calls.get(i).join();
                if (step.dependency() == GraphStep.Dependency.HARD && !a.successful()) {
                    return a;
                }
                if (!GraphJson.isObject(a.body())) {
                    throw new RoutingError(500, "step " + step.key() + " of node " + node.name()
                            + " did not answer a JSON object (status " + a.status() + ")");
                }
                merged.put(step.key(), a.body());
            }
            return new StepAnswer(200, GraphJson.ensemble(merged));
        });
    }

    /** A step by weight: a number in [0, 100) against the running sum of weights (which is 100). */
    private static GraphStep pick(GraphNode node) {
        int point = ThreadLocalRandom.current().nextInt(100);
        int end = 0;
        for (GraphStep s : node.steps()) {
            end += s.weight();
            if (point < end) {
                return s;
            }
        }
        return node.steps().get(node.steps().size() - 1);
    }

    private CompletableFuture<StepAnswer> step(Run run, GraphNode node, GraphStep step, byte[] input) {
        long start = System.nanoTime();
        CompletableFuture<StepAnswer> call;
        String target;
        if (step.serviceName() != null) {
            target = step.serviceName();
            call = steps.service(run.ex(), run.graph(), step.serviceName(), input);
        } else if (step.serviceUrl() != null) {
            target = step.serviceUrl();
            // A second past the graph's deadline: the graph's own 504 answers first, the call cannot hang forever.
            call = steps.url(run.ex(), step.serviceUrl(), input, run.timeout().plusSeconds(1));
        } else {
            target = "@" + step.nodeName();
            call = node(run, run.graph().nodes().get(step.nodeName()), input);
            // A routing error inside a nested node reaches the client as 500, as KServe's executeStep returns it.
            call = call.exceptionally(error -> {
                Throwable cause = Failures.unwrap(error);
                if (cause instanceof RoutingError r) {
                    throw new RoutingError(500, r.getMessage());
                }
                throw error instanceof CompletionException ce ? ce : new CompletionException(error);
            });
        }
        return call.whenComplete((a, error) -> {
            int status = a != null ? a.status() : statusOf(error);
            run.trace().add(node.name() + "." + step.key() + "=" + target + ":" + status);
            metrics.step(run.graph().name(), node.name(), step.key(), status, System.nanoTime() - start);
        });
    }

    private static int statusOf(Throwable error) {
        return Failures.unwrap(error) instanceof RoutingError r ? r.status() : 500;
    }

    /** One request's state: who asked, the graph, its deadline and the trace of finished steps. */
    private record Run(Exchange ex, InferenceGraph graph, Duration timeout, ConcurrentLinkedQueue<String> trace) {
    }
}
