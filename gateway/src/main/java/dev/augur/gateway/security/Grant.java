package dev.augur.gateway.security;

import dev.augur.isvc.ComponentKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a credential may do: verbs, on InferenceServices (and graphs) named exactly or by glob ({@code *} any run of
 * characters, {@code ?} one), or chosen by their {@code metadata.labels} (a selector matches a service whose labels
 * hold every one of its pairs, as Kubernetes' {@code matchLabels}; several selectors are alternatives).
 * {@code admin} is every verb on every service.
 */
public record Grant(Set<Verb> verbs, List<Pattern> services, List<Map<String, String>> labels) {
    public static final Grant NONE = new Grant(EnumSet.noneOf(Verb.class), List.of(), List.of());

    /** A service's labels when it has some; what a grant by label is checked against. */
    public interface Labels extends Function<String, Map<String, String>> {
        /** No service is known (a grant by label then grants nothing). */
        Labels NONE = name -> Map.of();
    }

    public Grant {
        verbs = verbs.isEmpty() ? EnumSet.noneOf(Verb.class) : EnumSet.copyOf(verbs);
        services = List.copyOf(services);
        labels = labels.stream().map(Map::copyOf).toList();
    }

    public static Grant of(Set<Verb> verbs, List<String> globs) {
        return of(verbs, globs, List.of());
    }

    public static Grant of(Set<Verb> verbs, List<String> globs, List<Map<String, String>> selectors) {
        List<Pattern> patterns = new ArrayList<>();
        for (String g : globs) {
            patterns.add(glob(g.trim()));
        }
        return new Grant(verbs, patterns, selectors);
    }

    /** The union of two grants (a key's own and its roles'). */
    public Grant and(Grant other) {
        EnumSet<Verb> v = EnumSet.noneOf(Verb.class);
        v.addAll(verbs);
        v.addAll(other.verbs);
        List<Pattern> s = new ArrayList<>(services);
        s.addAll(other.services);
        List<Map<String, String>> l = new ArrayList<>(labels);
        l.addAll(other.labels);
        return new Grant(v, s, l);
    }

    public boolean admin() {
        return verbs.contains(Verb.ADMIN);
    }

    /** Whether the verb is granted on some service (a request whose service is not known yet, or none). */
    public boolean allows(Verb verb) {
        return admin() || verbs.contains(verb);
    }

    /** Whether the verb is granted on the service by name or glob (no label is looked up). */
    public boolean allows(Verb verb, String service) {
        return allows(verb, service, Labels.NONE);
    }

    /**
     * Whether the verb is granted on the service. A component's name ({@code iris-predictor}, which is how a
     * transformer or explainer reaches its predictor through the gateway with the client's credential) counts as its
     * service's. Labels are looked up only when a selector could grant what no name did.
     */
    public boolean allows(Verb verb, String service, Labels labelsOf) {
        if (admin()) {
            return true;
        }
        if (!verbs.contains(verb) || service == null) {
            return false;
        }
        if (covers(service, labelsOf)) {
            return true;
        }
        for (ComponentKind kind : ComponentKind.values()) {
            String suffix = "-" + kind.field();
            if (service.endsWith(suffix)
                    && covers(service.substring(0, service.length() - suffix.length()), labelsOf)) {
                return true;
            }
        }
        return false;
    }

    private boolean covers(String service, Labels labelsOf) {
        for (Pattern p : services) {
            if (p.matcher(service).matches()) {
                return true;
            }
        }
        if (labels.isEmpty()) {
            return false;
        }
        Map<String, String> has = labelsOf.apply(service);
        if (has == null || has.isEmpty()) {
            return false;
        }
        for (Map<String, String> selector : labels) {
            if (!selector.isEmpty() && has.entrySet().containsAll(selector.entrySet())) {
                return true;
            }
        }
        return false;
    }

    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
