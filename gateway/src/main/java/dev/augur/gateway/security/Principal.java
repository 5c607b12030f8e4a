package dev.augur.gateway.security;

/**
 * A verified caller.
 *
 * @param id    the key id, or {@code jwt:<subject>} for a token: what the audit log and the quota buckets name
 * @param label the metrics label: the key id (ids come from the keys file, so the label set is bounded), or
 *              {@code jwt} for every token subject
 * @param expiresAtMillis when a token stops being valid; {@code Long.MAX_VALUE} for a key
 */
public record Principal(String id, String label, Grant grant, Quota quota, long expiresAtMillis) {
}
