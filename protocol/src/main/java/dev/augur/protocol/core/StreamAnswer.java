package dev.augur.protocol.core;

/**
 * One answer on a {@code ModelStreamInfer} call: a response ({@code last} on the final one of its request), or the
 * error a component sent in a response's place.
 *
 * @param response the response, or null for an error
 * @param error    the error, or null for a response
 */
public record StreamAnswer(InferenceResponse response, boolean last, InferenceException error) {
}
