package dev.augur.gateway.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A CloudEvents HTTP sink for the payload-logging tests: records every event it receives (headers, lower-cased,
 * and body). {@code /fail} answers 500, as a sink refusing events.
 */
final class EventSinkServer implements AutoCloseable {
    record Event(Map<String, String> headers, String body) {
        String ce(String attribute) {
            return headers.get("ce-" + attribute);
        }
    }

    private final HttpServer server;
    final List<Event> events = new CopyOnWriteArrayList<>();

    EventSinkServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT),
                    v.get(0)));
            String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            boolean fail = exchange.getRequestURI().getPath().startsWith("/fail");
            if (!fail) {
                events.add(new Event(headers, body));
            }
            exchange.sendResponseHeaders(fail ? 500 : 202, -1);
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The events with that id, once {@code done} holds for them (or the timeout passes). */
    List<Event> await(String id, Duration timeout, Predicate<List<Event>> done) {
        long end = System.nanoTime() + timeout.toNanos();
        List<Event> mine = List.of();
        while (System.nanoTime() < end) {
            mine = events.stream().filter(e -> id.equals(e.ce("id"))).toList();
            if (done.test(mine)) {
                return mine;
            }
            Gateway.sleep(50);
        }
        return mine;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
