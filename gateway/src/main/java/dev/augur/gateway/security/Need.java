package dev.augur.gateway.security;

import dev.augur.gateway.service.HostRouting;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What a request at the gateway's port needs, read from its path, {@code Host}/{@code :authority} and content type
 * only (the filter runs before any body is read): open (probes, the console's static files), any verified credential,
 * or a verb, on a service when the path or host names one. A service named only inside the body (gRPC
 * {@code model_name}, OpenAI {@code model}) is checked where the Router resolves it ({@link Access}).
 *
 * @param form    how a refusal is written: the protocol's own error shape
 * @param verb    null: any verified credential will do
 * @param service null: none named before the body
 */
record Need(Form form, boolean open, Verb verb, String service) {
    /** The error shapes: V1/V2 {@code {"error": "..."}}, OpenAI's error object, gRPC trailers. */
    enum Form { JSON, OPENAI, GRPC }

    private static final Need OPEN = new Need(Form.JSON, true, null, null);
    private static final String GRPC_INFERENCE = "/inference.GRPCInferenceService/";

    /**
     * @param path the normalized path (dot segments resolved), which is what the router matches: the raw one would let
     *             {@code /q/health/../metrics} pass as a probe
     */
    static Need of(HttpServerRequest r, String path, String domain) {
        String host = r.authority() != null ? r.authority().toString() : r.getHeader("host");
        return of(path == null ? "/" : path, r.method().name(), r.getHeader("content-type"), host, domain);
    }

    static Need of(String path, String method, String type, String host, String domain) {
        String routed = HostRouting.parse(host, domain).map(HostRouting.Route::service).orElse(null);
        if (type != null && type.startsWith("application/grpc")) {
            return grpc(path, routed);
        }
        if (path.startsWith("/q/")) {
            return path.startsWith("/q/health") ? OPEN : json(Verb.ADMIN, null);
        }
        if (path.equals("/console") || path.startsWith("/console/")) {
            // Static pages and scripts only; the data they show comes from /augur/console/*, which needs admin.
            return OPEN;
        }
        if (path.startsWith("/augur/")) {
            return augur(path, method);
        }
        if (path.startsWith("/openai/") || path.equals("/v1/embeddings") || path.equals("/v1/completions")
                || path.equals("/v1/chat/completions")) {
            return new Need(Form.OPENAI, false, Verb.INFER, routed);
        }
        if (path.startsWith("/v1/models/") || path.startsWith("/v2/models/")) {
            String rest = path.substring("/v1/models/".length());
            String model = segment(rest);
            boolean explain = path.endsWith(":explain") || path.endsWith("%3Aexplain") || path.endsWith("%3aexplain")
                    || (path.startsWith("/v2/") && path.endsWith("/explain"));
            return json(explain ? Verb.EXPLAIN : Verb.INFER, routed != null ? routed : model);
        }
        if (path.equals("/v1/models")) {
            return json(Verb.INFER, routed);
        }
        if (path.startsWith("/v2/repository")) {
            return json(Verb.ADMIN, null);
        }
        // A Host-routed POST on any path is a graph or a service call (KServe's URLs).
        if (routed != null && "POST".equals(method)) {
            return json(Verb.INFER, routed);
        }
        return json(null, null);
    }

    private static Need grpc(String path, String routed) {
        if (!path.startsWith(GRPC_INFERENCE)) {
            return new Need(Form.GRPC, false, null, null);
        }
        String method = path.substring(GRPC_INFERENCE.length());
        if (method.startsWith("Server")) {
            return new Need(Form.GRPC, false, null, null);
        }
        if (method.startsWith("Repository")) {
            return new Need(Form.GRPC, false, Verb.ADMIN, null);
        }
        return new Need(Form.GRPC, false, Verb.INFER, routed);
    }

    private static Need augur(String path, String method) {
        if (path.startsWith("/augur/graphs/") && "POST".equals(method)) {
            return json(Verb.INFER, segment(path.substring("/augur/graphs/".length())));
        }
        if (path.equals("/augur/jobs") || path.equals("/augur/jobs/")) {
            return json(Verb.JOBS, null);
        }
        if (path.startsWith("/augur/jobs/")) {
            return json(Verb.JOBS, segment(path.substring("/augur/jobs/".length())));
        }
        return json(Verb.ADMIN, null);
    }

    private static Need json(Verb verb, String service) {
        return new Need(Form.JSON, false, verb, service);
    }

    /** The first path segment, before a {@code :verb}, percent-decoded (what the resource will see). */
    static String segment(String rest) {
        int end = rest.indexOf('/');
        String s = end < 0 ? rest : rest.substring(0, end);
        s = decode(s);
        int colon = s.indexOf(':');
        return colon < 0 ? s : s.substring(0, colon);
    }

    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
