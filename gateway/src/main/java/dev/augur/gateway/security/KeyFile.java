package dev.augur.gateway.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the keys file (YAML, read as a tree: no reflection). Every mistake names the key or role and the field, never
 * a hash.
 *
 * <pre>
 * keys:
 *   - id: team-a                  # what logs and metrics show
 *     sha256: 9f86d0...           # hex SHA-256 of the key (bin/augur-key makes one)
 *     verbs: [infer, explain]     # infer, explain, jobs, admin
 *     services: [iris, "fraud-*"] # names or globs
 *     labels: {team: fraud}       # and/or services whose metadata.labels hold all of these (a list: any of them)
 *     roles: [readers]            # optional: roles below add to the grant
 *     rate: 50                    # optional: requests a second (token bucket), burst: 100, concurrency: 8
 * roles:
 *   readers: {verbs: [infer], services: ["*"], rate: 20}
 * </pre>
 */
public final class KeyFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private KeyFile() {
    }

    public static Policy read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    static Policy parse(String text) throws IOException {
        JsonNode root = YAML.readTree(text);
        if (root == null || root.isMissingNode() || root.isNull()) {
            return Policy.EMPTY;
        }
        Map<String, Policy.Role> roles = new HashMap<>();
        JsonNode r = root.path("roles");
        for (var it = r.fields(); it.hasNext();) {
            var e = it.next();
            String where = "role '" + e.getKey() + "'";
            roles.put(e.getKey(), new Policy.Role(grant(e.getValue(), where), quota(e.getValue(), where)));
        }
        Policy partial = new Policy(Map.of(), Map.copyOf(roles));
        Map<String, Principal> keys = new HashMap<>();
        Set<String> ids = new HashSet<>();
        int n = 0;
        for (JsonNode k : root.path("keys")) {
            n++;
            String id = k.path("id").asText("");
            String where = id.isEmpty() ? "key #" + n : "key '" + id + "'";
            if (id.isEmpty()) {
                throw new IllegalArgumentException(where + ": 'id' is missing");
            }
            if (!ids.add(id)) {
                throw new IllegalArgumentException(where + ": the id is used twice");
            }
            String hash = k.path("sha256").asText("").toLowerCase(Locale.ROOT);
            if (!HEX64.matcher(hash).matches()) {
                throw new IllegalArgumentException(where + ": 'sha256' must be 64 hex digits (the SHA-256 of the key)");
            }
            List<String> roleNames = strings(k.path("roles"));
            for (String name : roleNames) {
                if (!roles.containsKey(name)) {
                    throw new IllegalArgumentException(where + ": role '" + name + "' is not defined under 'roles'");
                }
            }
            Policy.Role fromRoles = partial.combine(roleNames);
            Grant grant = grant(k, where).and(fromRoles.grant());
            Quota quota = quota(k, where).and(fromRoles.quota());
            if (keys.put(hash, new Principal(id, id, grant, quota, Long.MAX_VALUE)) != null) {
                throw new IllegalArgumentException(where + ": the same key hash is listed twice");
            }
        }
        return new Policy(Map.copyOf(keys), Map.copyOf(roles));
    }

    private static Grant grant(JsonNode node, String where) {
        EnumSet<Verb> verbs = EnumSet.noneOf(Verb.class);
        for (String v : strings(node.path("verbs"))) {
            Verb verb = Verb.parse(v);
            if (verb == null) {
                throw new IllegalArgumentException(where + ": unknown verb '" + v
                        + "' (infer, explain, jobs, admin)");
            }
            verbs.add(verb);
        }
        return Grant.of(verbs, strings(node.path("services")), selectors(node.path("labels"), where));
    }

    /**
     * {@code labels}: one selector ({@code {team: fraud}}) or a list of them ({@code [{team: fraud}, {tier: gold}]},
     * any of which grants). A selector matches services whose labels hold all of its pairs.
     */
    private static List<Map<String, String>> selectors(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        List<Map<String, String>> out = new ArrayList<>();
        if (node.isObject()) {
            out.add(selector(node, where));
        } else if (node.isArray()) {
            for (JsonNode n : node) {
                out.add(selector(n, where));
            }
        } else {
            throw new IllegalArgumentException(where + ": 'labels' must be a map of label: value (or a list of such "
                    + "maps), e.g. labels: {team: fraud}");
        }
        return out;
    }

    private static Map<String, String> selector(JsonNode node, String where) {
        if (!node.isObject() || node.isEmpty()) {
            throw new IllegalArgumentException(where + ": each 'labels' selector must be a non-empty map of label: "
                    + "value, e.g. {team: fraud}");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var it = node.fields(); it.hasNext();) {
            var e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new IllegalArgumentException(where + ": label '" + e.getKey() + "' must have a value");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static Quota quota(JsonNode node, String where) {
        double rate = number(node, "rate", where);
        double burst = number(node, "burst", where);
        double concurrency = number(node, "concurrency", where);
        // A rate alone allows a second's worth at once.
        int b = burst > 0 ? (int) burst : (int) Math.max(1, Math.ceil(rate));
        return new Quota(rate, rate > 0 ? b : 0, (int) concurrency);
    }

    private static double number(JsonNode node, String field, String where) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return 0;
        }
        if (!v.isNumber() || v.asDouble() < 0) {
            throw new IllegalArgumentException(where + ": '" + field + "' must be a number >= 0");
        }
        return v.asDouble();
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            for (String s : node.asText().split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        } else {
            for (JsonNode n : node) {
                out.add(n.asText());
            }
        }
        return out;
    }
}
