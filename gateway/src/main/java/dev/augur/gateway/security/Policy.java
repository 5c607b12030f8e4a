package dev.augur.gateway.security;

import java.util.Map;

/**
 * The keys file as read: API keys by the hex SHA-256 of the key, and the roles JWTs name.
 */
public record Policy(Map<String, Principal> keysByHash, Map<String, Role> roles) {
    public static final Policy EMPTY = new Policy(Map.of(), Map.of());

    /** A named grant and quota, for keys ({@code roles:}) and for tokens (their roles claim). */
    public record Role(Grant grant, Quota quota) {
    }

    /** The union of the roles' grants and the strictest of their quotas; unknown role names grant nothing. */
    public Role combine(Iterable<String> names) {
        Grant grant = Grant.NONE;
        Quota quota = Quota.NONE;
        for (String name : names) {
            Role r = roles.get(name);
            if (r != null) {
                grant = grant.and(r.grant());
                quota = quota.and(r.quota());
            }
        }
        return new Role(grant, quota);
    }
}
