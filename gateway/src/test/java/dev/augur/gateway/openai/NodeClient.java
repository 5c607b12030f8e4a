package dev.augur.gateway.openai;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code src/test/node/openai-client/test.mjs} with the official {@code openai} npm package, installed once
 * with {@code npm ci} from the committed lock file into {@code target/openai-client}. Needs node and npm (and the
 * npm registry, the first time); without them the test fails and says so.
 */
public final class NodeClient {
    static final Path SOURCE = Path.of("src/test/node/openai-client");
    static final Path DIR = Path.of("target/openai-client").toAbsolutePath();

    public record Result(int exit, String output) {
    }

    private NodeClient() {
    }

    static Result run(String baseUrl, String chatModel, String embeddingModel, Path reference) throws Exception {
        install();
        return exec(List.of("node", "test.mjs", baseUrl, chatModel, embeddingModel, reference.toString()), 180);
    }

    /** Another script of {@code src/test/node/openai-client} (TlsIT's), with extra environment variables. */
    public static Result script(String script, List<String> args, Map<String, String> env) throws Exception {
        install();
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(args);
        return exec(command, 120, env);
    }

    private static void install() throws Exception {
        Files.createDirectories(DIR);
        for (String f : List.of("package.json", "package-lock.json", "test.mjs", "tls-models.mjs")) {
            Files.copy(SOURCE.resolve(f), DIR.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.isDirectory(DIR.resolve("node_modules/openai"))) {
            return;
        }
        Result r = exec(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
        if (r.exit() != 0) {
            throw new IllegalStateException("npm ci failed in " + DIR + ":\n" + r.output());
        }
    }

    private static Result exec(List<String> command, int timeoutSeconds) throws Exception {
        return exec(command, timeoutSeconds, Map.of());
    }

    private static Result exec(List<String> command, int timeoutSeconds, Map<String, String> env)
            throws Exception {
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true)
                    .redirectOutput(DIR.resolve("output.log").toFile());
            pb.environment().putAll(env);
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("'" + command.get(0) + "' is needed for the openai npm client test "
                    + "(install Node.js 18+ with npm): " + e.getMessage(), e);
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), Files.readString(DIR.resolve("output.log")));
    }
}
