package dev.augur.gateway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * JSON-lines job files made on the fly from the iris reference rows (never held whole), and a client of the jobs
 * API that streams uploads and results. Row {@code i} (1-based line) is reference row {@code (i - 1) % 150}.
 */
final class JobFiles {
    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNode REFERENCE = read(Path.of("../models/iris-logreg/reference.json"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private JobFiles() {
    }

    private static JsonNode read(Path p) {
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode features(long line) {
        return REFERENCE.get("inputs").get((int) ((line - 1) % 150));
    }

    static long label(long line) {
        return REFERENCE.get("labels").get((int) ((line - 1) % 150)).asLong();
    }

    /** A V2 request of one reference row, padded with {@code padding} spaces (still valid JSON). */
    static String v2Row(long line, int padding) {
        JsonNode x = features(line);
        return "{\"inputs\":[{\"name\":\"float_input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[" + x.get(0)
                + "," + x.get(1) + "," + x.get(2) + "," + x.get(3) + "]}]" + " ".repeat(padding) + "}";
    }

    /** {@code rows} lines of V2 requests, generated as they are read. */
    static InputStream rows(long rows, int padding) {
        return new InputStream() {
            private long line;
            private byte[] current = new byte[0];
            private int at;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at == current.length) {
                    if (line == rows) {
                        return -1;
                    }
                    line++;
                    current = (v2Row(line, padding) + "\n").getBytes(StandardCharsets.UTF_8);
                    at = 0;
                }
                int n = Math.min(len, current.length - at);
                System.arraycopy(current, at, b, off, n);
                at += n;
                return n;
            }
        };
    }

    /** The path of a job's Location (JAX-RS makes it absolute). */
    static String path(String location) {
        return URI.create(location).getPath();
    }

    static URI uri(String path) {
        return URI.create("http://localhost:" + io.restassured.RestAssured.port + path);
    }

    /** Uploads a stream (chunked: no Content-Length, as a client piping a file sends it). */
    static HttpResponse<String> submit(String service, InputStream body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri("/augur/jobs/" + service))
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode progress(String location) {
        return json(io.restassured.RestAssured.given().get(path(location)).then().statusCode(200).extract().asString());
    }

    /** Polls the job until it has finished, failing after {@code timeout}. */
    static JsonNode awaitFinished(String location, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        JsonNode p = progress(location);
        while (System.nanoTime() < end) {
            p = progress(location);
            String state = p.get("state").asText();
            if (state.equals("succeeded") || state.equals("failed") || state.equals("cancelled")) {
                return p;
            }
            Gateway.sleep(250);
        }
        throw new AssertionError("job not finished within " + timeout + ": " + p);
    }

    /** Streams the results, handing each parsed line to {@code each}; returns the HTTP status. */
    static int results(String location, Consumer<JsonNode> each) {
        try {
            HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(uri(path(location) + "/results")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    each.accept(JSON.readTree(line));
                }
            }
            return r.statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
