package dev.augur.gateway.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The InferenceServices and InferenceGraphs of the graph tests, written into the suite's services folder, and two
 * HTTP stand-ins for {@code serviceUrl} steps in this JVM: KServe's e2e "error-404-isvc" ({@code /error-404} answers
 * 404 {@code {"detail": "Intentional 404 code"}}) and a feature lookup ({@code /rows} turns {@code {"rows": [i, ...]}}
 * into V1 {@code instances} from iris' reference inputs), whose answer a Sequence passes on with {@code $response}.
 * Services: {@code forest} (iris-forest) and {@code forest-v2} (the same, {@code protocolVersion: v2}) beside the
 * suite's {@code iris} and {@code hung} (a component that never answers, {@code timeout: 1}): two processes more.
 */
final class GraphFixtures {
    static final String NO_MATCH_ROW = "[6.8, 2.8, 4.8, 1.4]";
    private static final Pattern ROWS = Pattern.compile("\\d+");
    private static HttpServer server;

    private GraphFixtures() {
    }

    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/error-404", ex -> answer(ex, 404, "{\"detail\": \"Intentional 404 code\"}"));
        server.createContext("/rows", GraphFixtures::rows);
        server.createContext("/slow", GraphFixtures::slow);
        // One thread per exchange: the slow stand-in must not hold up the others.
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "graph-stand-in");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        LocalServices.write("forest", LocalServices.predictor("forest", "", "iris-forest"));
        LocalServices.write("forest-v2", LocalServices.predictor("forest-v2", "", "iris-forest")
                .replace("      storageUri:", "      protocolVersion: v2\n      storageUri:"));
        LocalServices.write("graphs", graphs(base));
    }

    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void rows(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonPath reference = Reference.LOGREG;
        StringBuilder out = new StringBuilder("{\"instances\": [");
        Matcher m = ROWS.matcher(body);
        for (int i = 0; m.find(); i++) {
            List<Float> row = reference.getList("inputs[" + m.group() + "]", Float.class);
            out.append(i == 0 ? "" : ", ").append(row);
        }
        answer(ex, 200, out.append("]}").toString());
    }

    /** Answers after 3 s: longer than the {@code timeout: 1} of the graph that calls it. */
    private static void slow(HttpExchange ex) throws IOException {
        try {
            Thread.sleep(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        answer(ex, 200, "{\"late\": true}");
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("content-type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    private static String graph(String name, String nodes) {
        return graph(name, "", nodes);
    }

    private static String graph(String name, String specFields, String nodes) {
        return "apiVersion: serving.kserve.io/v1alpha1\nkind: InferenceGraph\nmetadata:\n  name: " + name
                + "\nspec:\n" + specFields + "  nodes:\n" + nodes + "---\n";
    }

    private static String graphs(String base) {
        String choose = "      routerType: Switch\n      steps:\n"
                + "        - {name: small, serviceName: iris, condition: \"[@this].#(instances.0.2<2.5)\"}\n"
                + "        - {name: large, serviceName: forest, condition: \"[@this].#(instances.0.2>=5)\"}\n";
        return graph("seq-response", "    root:\n      routerType: Sequence\n      steps:\n"
                + "        - serviceUrl: " + base + "/rows\n"
                + "        - {serviceName: iris, data: $response}\n")
                + graph("seq-request", "    root:\n      routerType: Sequence\n      steps:\n"
                        + "        - {serviceName: forest, dependency: Hard}\n"
                        + "        - {serviceName: iris, data: $request, dependency: Hard}\n")
                + graph("choose", "    root:\n" + choose)
                + graph("seq-condition", "    root:\n      routerType: Sequence\n      steps:\n"
                        + "        - serviceName: iris\n"
                        + "        - {serviceName: forest, data: $request, condition: \"predictions.#(==2)\"}\n")
                + graph("first-condition", "    root:\n      routerType: Sequence\n      steps:\n"
                        + "        - {serviceName: iris, condition: \"[@this].#(instances.0.2<2.5)\"}\n")
                + graph("vote", "    root:\n      routerType: Ensemble\n      steps:\n"
                        + "        - {name: logreg, serviceName: iris}\n        - serviceName: forest\n")
                + graph("split", "    root:\n      routerType: Splitter\n      steps:\n"
                        + "        - {serviceName: iris, weight: 30}\n        - {serviceName: forest, weight: 70}\n")
                + graph("nested", "    root:\n      routerType: Ensemble\n      steps:\n"
                        + "        - {name: direct, serviceName: iris}\n        - {name: routed, nodeName: choose}\n"
                        + "    choose:\n" + choose)
                + graph("hard", "    root:\n      routerType: Sequence\n      steps:\n"
                        + "        - {serviceName: hung, dependency: Hard}\n"
                        + "        - {serviceName: iris, data: $request}\n")
                + graph("soft", "    root:\n      routerType: Sequence\n      steps:\n"
                        + "        - {serviceName: hung, dependency: Soft}\n"
                        + "        - {serviceName: iris, data: $request}\n")
                + graph("ensemble-hard", "    root:\n      routerType: Ensemble\n      steps:\n"
                        + "        - {serviceUrl: \"" + base + "/error-404\", dependency: Hard}\n"
                        + "        - serviceName: iris\n")
                + graph("ensemble-soft", "    root:\n      routerType: Ensemble\n      steps:\n"
                        + "        - {serviceUrl: \"" + base + "/error-404\", dependency: Soft}\n"
                        + "        - serviceName: iris\n")
                + graph("grpc-chain", "    root:\n      routerType: Sequence\n      steps:\n"
                        + "        - serviceName: forest-v2\n")
                + graph("slow", "  timeout: 1\n", "    root:\n      routerType: Sequence\n      steps:\n"
                        + "        - serviceUrl: " + base + "/slow\n")
                + graph("unreachable", "    root:\n      routerType: Sequence\n      steps:\n"
                        + "        - serviceUrl: http://127.0.0.1:1/v1/models/x:predict\n"
                        + "        - {serviceName: iris, data: $request}\n")
                + graph("waiting", "    root:\n      routerType: Sequence\n      steps:\n"
                        + "        - serviceName: iris\n        - serviceName: not-deployed\n");
    }
}
