package dev.augur.server.rest;

import dev.augur.protocol.core.ErrorCode;

/**
 * How a REST request refused before its route runs (a body over the limit) words its JSON error: V1/V2's
 * {@code {"error": ...}} by default ({@link V2ErrorForm}). A service with another protocol on some paths provides its
 * own bean (the gateway's OpenAI API answers with OpenAI's error object), so a client gets its protocol's form.
 */
public interface ErrorForm {
    /** The error body for a request to {@code path}. */
    byte[] encode(String path, ErrorCode code, String message);
}
