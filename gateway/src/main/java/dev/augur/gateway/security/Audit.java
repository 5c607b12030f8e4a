package dev.augur.gateway.security;

import org.jboss.logging.Logger;

/**
 * One line per refused request on logger {@code augur.audit}: who (key id or {@code jwt:<subject>}, {@code -} when no
 * credential could be verified), the verb and service asked for, the status and why. Never the credential.
 */
final class Audit {
    private static final Logger LOG = Logger.getLogger("augur.audit");

    private Audit() {
    }

    static void denied(Denial d, String principal, Verb verb, String service, String protocol, String path,
            String remote) {
        LOG.infof("denied status=%s principal=%s verb=%s service=%s protocol=%s path=%s remote=%s reason=\"%s\"",
                d.code().name(), principal == null ? "-" : principal, verb == null ? "-" : verb.label(),
                clean(service), protocol, clean(path), clean(remote), d.reason());
    }

    /** What the client chose (path, model name) goes in bounded and without line breaks: one line stays one line. */
    static String clean(String s) {
        if (s == null || s.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 200));
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f || c == '"' || c == ' ' ? '_' : c);
        }
        return s.length() > 200 ? b.append("...").toString() : b.toString();
    }
}
