package dev.augur.predictor;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * A real S3-compatible server on loopback: npm's {@code s3rver} 3.7.1 run by node, installed by this resource into
 * {@code target/s3rver} on first use (CI machines have node and npm, and reach the npm registry). The iris models are
 * uploaded with the AWS SDK; the repository names them with {@code storage_uri: s3://...}.
 */
public class S3rverServer implements QuarkusTestResourceLifecycleManager {
    static final String VERSION = "3.7.1";
    static final String BUCKET = "models";
    /** s3rver's fixed credentials. */
    static final String KEY = "S3RVER";
    private static final Path INSTALL = Path.of("target", "s3rver").toAbsolutePath();
    private static final Pattern LISTENING = Pattern.compile("listening on [^\\s]+:(\\d+)");

    private Process process;
    private Path root;

    /** True when node and npm run here; the S3 tests are skipped otherwise. */
    public static boolean nodeAvailable() {
        return runs("node", "--version") && runs("npm", "--version");
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            install();
            root = Files.createTempDirectory("augur-storage-s3");
            int port = launch(Files.createDirectories(root.resolve("s3rver")));
            String endpoint = "http://127.0.0.1:" + port;
            upload(endpoint);
            Path models = Files.createDirectories(root.resolve("models"));
            model(models, "s3-prefix", "s3://" + BUCKET + "/iris/");
            model(models, "s3-prefix-without-slash", "s3://" + BUCKET + "/iris");
            model(models, "s3-key", "s3://" + BUCKET + "/single/model.onnx");
            model(models, "s3-archive", "s3://" + BUCKET + "/archives/iris.tar.gz");
            model(models, "s3-missing", "s3://" + BUCKET + "/nothing/");
            model(models, "s3-no-bucket", "s3://no-bucket/iris/");
            Map<String, String> config = new LinkedHashMap<>();
            config.put("augur.model-repository", models.toString());
            config.put("augur.storage.cache-dir", root.resolve("cache").toString());
            config.put("augur.storage.s3.endpoint", endpoint);
            config.put("augur.storage.s3.access-key-id", KEY);
            config.put("augur.storage.s3.secret-access-key", KEY);
            config.put("augur.strict-readiness", "false");
            return config;
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            stop();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void model(Path models, String name, String uri) throws IOException {
        Files.createDirectories(models.resolve(name));
        Files.writeString(models.resolve(name + "/config.yaml"), "storage_uri: \"" + uri + "\"\n");
    }

    /** {@code npm install s3rver} into target/, once per build folder. */
    private static void install() throws IOException, InterruptedException {
        if (Files.isRegularFile(INSTALL.resolve("node_modules/s3rver/bin/s3rver.js"))) {
            return;
        }
        Files.createDirectories(INSTALL);
        Process npm = new ProcessBuilder("npm", "install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund",
                "--loglevel=error", "--prefix", INSTALL.toString(), "s3rver@" + VERSION)
                .redirectErrorStream(true).redirectOutput(INSTALL.resolve("npm-install.log").toFile()).start();
        if (!npm.waitFor(5, TimeUnit.MINUTES)) {
            npm.destroyForcibly();
            throw new IOException("npm install s3rver@" + VERSION + " took over 5 minutes");
        }
        if (npm.exitValue() != 0) {
            throw new IOException("npm install s3rver@" + VERSION + " failed: "
                    + Files.readString(INSTALL.resolve("npm-install.log")));
        }
    }

    /** Starts s3rver on a free port (it picks one for port 0 and prints it). */
    private int launch(Path data) throws IOException, InterruptedException {
        process = new ProcessBuilder("node", INSTALL.resolve("node_modules/s3rver/bin/s3rver.js").toString(),
                "--directory", data.toString(), "--address", "127.0.0.1", "--port", "0", "--silent")
                .redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // The process ended.
            }
            port.completeExceptionally(new IOException("s3rver exited: " + output));
        }, "s3rver-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return port.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("s3rver did not start: " + output, e);
        }
    }

    private static void upload(String endpoint) throws IOException {
        byte[] logreg = Files.readAllBytes(TestRepository.MODELS.resolve("iris-logreg/1/model.onnx"));
        byte[] forest = Files.readAllBytes(TestRepository.MODELS.resolve("iris-forest/1/model.onnx"));
        Map<String, byte[]> archive = new LinkedHashMap<>();
        archive.put("1/model.onnx", logreg);
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, KEY)))
                .forcePathStyle(true).httpClientBuilder(UrlConnectionHttpClient.builder())
                // s3rver stores aws-chunked bodies with their chunk framing: send plain bodies.
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED).build()) {
            s3.createBucket(b -> b.bucket(BUCKET));
            s3.putObject(b -> b.bucket(BUCKET).key("iris/1/model.onnx"), RequestBody.fromBytes(logreg));
            s3.putObject(b -> b.bucket(BUCKET).key("iris/2/model.onnx"), RequestBody.fromBytes(forest));
            s3.putObject(b -> b.bucket(BUCKET).key("single/model.onnx"), RequestBody.fromBytes(logreg));
            s3.putObject(b -> b.bucket(BUCKET).key("archives/iris.tar.gz"),
                    RequestBody.fromBytes(dev.augur.predictor.storage.TestArchives.tarGz(archive)));
        }
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        if (root != null) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // Temporary files only.
            }
        }
    }
}
