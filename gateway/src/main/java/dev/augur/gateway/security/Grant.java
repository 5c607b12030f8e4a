package dev.augur.gateway.security;

import dev.augur.isvc.ComponentKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a credential may do: verbs, on InferenceServices (and graphs) named exactly or by glob ({@code *} any run of
 * characters, {@code ?} one). {@code admin} is every verb on every service.
 */
public record Grant(Set<Verb> verbs, List<Pattern> services) {
    public static final Grant NONE = new Grant(EnumSet.noneOf(Verb.class), List.of());

    public static Grant of(Set<Verb> verbs, List<String> globs) {
        List<Pattern> patterns = new ArrayList<>();
        for (String g : globs) {
            patterns.add(glob(g.trim()));
        }
        return new Grant(verbs.isEmpty() ? EnumSet.noneOf(Verb.class) : EnumSet.copyOf(verbs), List.copyOf(patterns));
    }

    /** The union of two grants (a key's own and its roles'). */
    public Grant and(Grant other) {
        EnumSet<Verb> v = EnumSet.noneOf(Verb.class);
        v.addAll(verbs);
        v.addAll(other.verbs);
        List<Pattern> s = new ArrayList<>(services);
        s.addAll(other.services);
        return new Grant(v, List.copyOf(s));
    }

    public boolean admin() {
        return verbs.contains(Verb.ADMIN);
    }

    /** Whether the verb is granted on some service (a request whose service is not known yet, or none). */
    public boolean allows(Verb verb) {
        return admin() || verbs.contains(verb);
    }

    /**
     * Whether the verb is granted on the service. A component's name ({@code iris-predictor}, which is how a
     * transformer or explainer reaches its predictor through the gateway with the client's credential) counts as its
     * service's.
     */
    public boolean allows(Verb verb, String service) {
        if (admin()) {
            return true;
        }
        if (!verbs.contains(verb) || service == null) {
            return false;
        }
        if (matches(service)) {
            return true;
        }
        for (ComponentKind kind : ComponentKind.values()) {
            String suffix = "-" + kind.field();
            if (service.endsWith(suffix) && matches(service.substring(0, service.length() - suffix.length()))) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(String service) {
        for (Pattern p : services) {
            if (p.matcher(service).matches()) {
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
