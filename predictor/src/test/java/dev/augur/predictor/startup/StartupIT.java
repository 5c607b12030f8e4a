package dev.augur.predictor.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged predictor as it starts in production (run.sh: the shared jvm.options and, on a JDK 25, the AOT
 * cache): runtimes a repository does not use are never loaded, the AOT cache is used when present, JDK 17 says why
 * it starts without it, and ONNX Runtime's libraries are unpacked once into the native cache; and as it stops
 * (SIGTERM with a request in flight).
 */
class StartupIT {
    private static final Path APP = Path.of("target/quarkus-app").toAbsolutePath();
    private static final Path MODELS = Path.of("../models").toAbsolutePath().normalize();
    /** KServe's sample row; class 1 (versicolor) for iris-logreg (models/iris-logreg/reference.json). */
    private static final String V2 = "{\"inputs\": [{\"name\": \"float_input\", \"shape\": [1, 4], "
            + "\"datatype\": \"FP32\", \"data\": [6.8, 2.8, 4.8, 1.4]}]}";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The exit status of a JVM ended by SIGTERM (128 + 15). */
    private static final int TERMINATED = 143;

    @TempDir
    Path work;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            p.waitFor();
        }
    }

    /** Starts run.sh with an iris-only repository; returns its port once the first inference answered class 1. */
    private int start(String java, String options) throws Exception {
        Path repo = Files.createDirectories(work.resolve("repo/iris/1"));
        Files.copy(MODELS.resolve("iris-logreg/1/model.onnx"), repo.resolve("model.onnx"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(APP.resolve("run.sh").toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("predictor.log").toFile());
        pb.environment().putAll(Map.of("JAVA", java, "JAVA_OPTS_APPEND", options,
                "QUARKUS_HTTP_PORT", Integer.toString(port), "AUGUR_MODEL_REPOSITORY", work.resolve("repo").toString(),
                "AUGUR_ONNX_NATIVE_CACHE_DIR", work.resolve("natives").toString()));
        Process p = pb.start();
        started.add(p);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline && p.isAlive()) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/v2/models/iris/infer")).POST(HttpRequest.BodyPublishers.ofString(V2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    assertTrue(r.body().contains("{\"name\":\"label\",\"datatype\":\"INT64\",\"shape\":[1],"
                            + "\"data\":[1]}"), r.body());
                    return port;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no answer from the predictor; log:\n" + Files.readString(work.resolve("predictor.log")));
    }

    private static String ownJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Optional<String> jdk25() throws IOException {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getenv("AUGUR_AOT_JAVA")).map(Path::of).ifPresent(candidates::add);
        if (Runtime.version().feature() >= 25) {
            candidates.add(Path.of(ownJava()));
        }
        if (Files.isDirectory(Path.of("/usr/lib/jvm"))) {
            try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
                jdks.filter(d -> d.getFileName().toString().contains("-25")).map(d -> d.resolve("bin/java"))
                        .forEach(candidates::add);
            }
        }
        return candidates.stream().filter(Files::isExecutable).map(Path::toString).findFirst();
    }

    @Test
    void runtimesTheRepositoryDoesNotUseAreNotLoaded() throws Exception {
        start(ownJava(), "-Xlog:class+load:file=" + work.resolve("classes.txt"));
        String classes = Files.readString(work.resolve("classes.txt"));
        assertTrue(classes.contains("ai.onnxruntime.OrtSession "), "ONNX Runtime serves the iris model");
        // XGBoost's and LightGBM's JNI classes (their native libraries) and any class of PMML4S, Scala, the
        // tokenizers and Jinjava. (JDK 17's verifier does load XGBoostError, a plain exception a catch names.)
        for (String unused : List.of("ml.dmlc.xgboost4j.java.XGBoostJNI", "ml.dmlc.xgboost4j.java.Booster ",
                "com.microsoft.ml.lightgbm.lightgbmlibJNI", "org.pmml4s.", "ai.djl.huggingface.",
                "com.hubspot.jinjava.", "scala.")) {
            assertFalse(classes.contains("] " + unused), unused + " classes were loaded for an ONNX-only repository");
        }
    }

    @Test
    void onnxRuntimeLibrariesAreUnpackedIntoTheNativeCache() throws Exception {
        start(ownJava(), "");
        try (Stream<Path> dirs = Files.list(work.resolve("natives"))) {
            assertTrue(dirs.anyMatch(d -> Files.isRegularFile(d.resolve("libonnxruntime.so"))
                    && Files.isRegularFile(d.resolve("libonnxruntime4j_jni.so"))));
        }
    }

    @Test
    void theAotCacheIsUsedWhenPresentOnJdk25() throws Exception {
        Optional<String> java = jdk25();
        assumeTrue(java.isPresent() && Files.isRegularFile(APP.resolve("app.aot")),
                "needs a JDK 25 and the app.aot its build made");
        start(java.get(), "-Xlog:class+load:file=" + work.resolve("classes.txt"));
        String classes = Files.readString(work.resolve("classes.txt"));
        assertTrue(classes.contains("dev.augur.predictor.service.DataPlane source: shared objects file"),
                "the predictor's own classes come from the AOT cache");
    }

    @Test
    void theApplicationClassLoaderLoadsTheApplicationClassesOnJdk25() throws Exception {
        // JDK 25's AOT cache pre-links (and keeps method profiles for) only classes of the JDK's built-in loaders;
        // fast-jar's RunnerClassLoader got them unlinked, on demand. aot-jar packaging (parent pom) fixes that.
        Optional<String> java = jdk25();
        assumeTrue(java.isPresent() && Files.isRegularFile(APP.resolve("app.aot")),
                "needs a JDK 25 and the app.aot its build made");
        // tid: the info line (name, source) and the debug line (loader) of one class are two log lines, so the
        // loader line is the next one of the same thread.
        start(java.get(), "-Xlog:class+load=debug:file=" + work.resolve("classes.txt") + ":tid");
        List<String> lines = Files.readAllLines(work.resolve("classes.txt"));
        for (String name : List.of("dev.augur.predictor.service.DataPlane", "io.vertx.core.impl.VertxImpl",
                "io.quarkus.arc.impl.ArcContainerImpl")) {
            String loader = null;
            for (int i = 0; i < lines.size() && loader == null; i++) {
                if (lines.get(i).endsWith("] " + name + " source: shared objects file")) {
                    String thread = lines.get(i).substring(0, lines.get(i).indexOf(']') + 1);
                    for (int j = i + 1; j < lines.size() && loader == null; j++) {
                        if (lines.get(j).startsWith(thread)) {
                            loader = lines.get(j);
                        }
                    }
                }
            }
            assertTrue(loader != null, name + " was not served by the AOT cache");
            assertTrue(loader.contains("jdk/internal/loader/ClassLoaders$AppClassLoader"),
                    name + " was not loaded by the application class loader: " + loader);
        }
    }

    @Test
    void theAotCacheDoesNotPreloadTheRuntimesItIsNotTrainedOnOnJdk25() throws Exception {
        // JDK 25 pre-loads every class in the cache at start, and an idle predictor keeps the cache file resident:
        // the training leaves out PMML4S with its Scala library and the Hugging Face runtime's tokenizers and
        // Jinjava (bin/aot-train.py, PREDICTOR_UNTRAINED: 17 MB of an idle iris predictor).
        Optional<String> java = jdk25();
        assumeTrue(java.isPresent() && Files.isRegularFile(APP.resolve("app.aot")),
                "needs a JDK 25 and the app.aot its build made");
        start(java.get(), "-Xlog:class+load:file=" + work.resolve("classes.txt"));
        String classes = Files.readString(work.resolve("classes.txt"));
        assertTrue(classes.contains("ai.onnxruntime.OrtSession source: shared objects file"),
                "ONNX Runtime's classes come from the cache");
        for (String untrained : List.of("org.pmml4s.", "scala.", "ai.djl.huggingface.", "com.hubspot.jinjava.")) {
            assertFalse(classes.contains("] " + untrained), untrained + " classes were loaded for an ONNX repository");
        }
    }

    @Test
    void jdk17SaysItStartsWithoutTheAotCache() throws Exception {
        assumeTrue(Runtime.version().feature() < 25 && Files.isRegularFile(APP.resolve("app.aot")),
                "needs a JDK before 25 running this test and an app.aot");
        start(ownJava(), "");
        assertTrue(Files.readString(work.resolve("predictor.log")).contains("starting without the AOT cache"));
    }

    @Test
    void sigtermFinishesTheRequestInFlightBeforeTheProcessExits() throws Exception {
        // A second copy of iris that start() does not warm: its first run is the request in flight, the case that
        // crashed (a session's first run after ONNX Runtime's environment was freed).
        Path cold = Files.createDirectories(work.resolve("repo/cold/1"));
        Files.copy(MODELS.resolve("iris-logreg/1/model.onnx"), cold.resolve("model.onnx"));
        int port = start(ownJava(), "");
        Process predictor = started.get(started.size() - 1);
        byte[] body = V2.getBytes(StandardCharsets.UTF_8);
        int half = body.length / 2;
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /v2/models/cold/infer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Connection: close\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, half);
            out.flush();
            Thread.sleep(500);
            // The request is in flight (half its body arrived) when SIGTERM comes, as Kubernetes sends it.
            predictor.destroy();
            Thread.sleep(1000);
            out.write(body, half, body.length - half);
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            assertTrue(response.contains("{\"name\":\"label\",\"datatype\":\"INT64\",\"shape\":[1],\"data\":[1]}"),
                    response);
        }
        assertTrue(predictor.waitFor(30, TimeUnit.SECONDS), "the predictor did not stop");
        // ONNX Runtime's own shutdown hook used to free its environment while the request ran: SIGSEGV, exit 134.
        assertEquals(TERMINATED, predictor.exitValue(), Files.readString(work.resolve("predictor.log")));
    }
}
