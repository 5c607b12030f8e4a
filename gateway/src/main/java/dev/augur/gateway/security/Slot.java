package dev.augur.gateway.security;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * When a request gives its concurrency slot back: before the last bytes of its answer are written, so a client that
 * sends its next request the instant it has read an answer finds the slot free (at a concurrency of one, a sequential
 * client never meets 429). Returning it once the write had finished (the response's end handler) raced such a
 * client: the end handler runs after the bytes are handed to the socket, on whichever thread ended the response.
 * <ul>
 * <li>An answer written in one go (every REST answer is one {@code end(body)}; the byte-level gRPC ModelInfer's
 * {@code end(message)}; a refusal): Vert.x prepares its headers inside {@code end()}, before anything is written,
 * and the response already reports {@code ended()} there.</li>
 * <li>A gRPC call through Quarkus' gRPC service sends its headers with its first message: {@link SlotInterceptor}
 * returns the slot when the call closes, before the trailers are written.</li>
 * <li>An OpenAI event stream: {@link #answering(RoutingContext)} just before its last event.</li>
 * <li>Anything else (a reset stream, a closed connection): the response's end handler, after the fact.</li>
 * </ul>
 * A ticket is released once whichever comes first.
 */
public final class Slot {
    static final String TICKET = "augur.security.ticket";

    private Slot() {
    }

    static void holdUntilAnswered(RoutingContext rc, Quotas.Ticket ticket) {
        HttpServerResponse response = rc.response();
        rc.put(TICKET, ticket);
        rc.addHeadersEndHandler(v -> {
            if (response.ended()) {
                ticket.release();
            }
        });
        rc.addEndHandler(v -> ticket.release());
    }

    /** The answer's last bytes are about to be written (a stream's final event): its slot is free from now. */
    public static void answering(RoutingContext rc) {
        Object ticket = rc.get(TICKET);
        if (ticket instanceof Quotas.Ticket t) {
            t.release();
        }
    }
}
