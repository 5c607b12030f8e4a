package dev.augur.supervisor;

import dev.augur.isvc.InferenceGraph;
import dev.augur.isvc.InferenceService;
import dev.augur.isvc.InvalidSpecException;
import dev.augur.isvc.SpecFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The services folder of local mode: every {@code *.yaml} / {@code *.yml} file in it, parsed again only when its
 * content changed. Polling (rather than a WatchService) sees edits made through editors' rename dances, bind
 * mounts and network folders alike; a few small files a second cost nothing.
 */
final class ServicesFolder {

    /** What the folder holds now: valid services and graphs by name, and one message per unusable file. */
    record Scan(Map<String, InferenceService> services, Map<String, InferenceGraph> graphs, List<String> errors) {
    }

    private record Parsed(String content, List<InferenceService> services, List<InferenceGraph> graphs,
            String error) {
    }

    private final Path dir;
    private final Map<Path, Parsed> cache = new HashMap<>();

    ServicesFolder(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Scan scan() {
        if (!Files.isDirectory(dir)) {
            cache.clear();
            return new Scan(Map.of(), Map.of(), List.of(dir + ": the services folder does not exist"));
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(ServicesFolder::isSpecFile).sorted().toList();
        } catch (IOException e) {
            return new Scan(Map.of(), Map.of(), List.of(dir + ": cannot be listed: " + e.getMessage()));
        }
        cache.keySet().retainAll(files);
        Map<String, InferenceService> services = new TreeMap<>();
        Map<String, String> definedIn = new HashMap<>();
        List<String> errors = new ArrayList<>();
        for (Path file : files) {
            Parsed parsed = parse(file);
            if (parsed.error() != null) {
                errors.add(parsed.error());
                continue;
            }
            for (InferenceService s : parsed.services()) {
                String first = definedIn.putIfAbsent(s.name(), s.source());
                if (first != null) {
                    // Path routing addresses services by name alone, so names are unique across namespaces here.
                    errors.add(s.source() + ": InferenceService '" + s.name() + "' is already defined in " + first);
                } else {
                    services.put(s.name(), s);
                }
            }
        }
        Map<String, InferenceGraph> graphs = new TreeMap<>();
        for (Path file : files) {
            for (InferenceGraph g : parse(file).graphs()) {
                // Graphs share the Host namespace with services (<name>.<namespace>.<domain>): names stay unique.
                String first = definedIn.putIfAbsent(g.name(), g.source());
                if (first != null) {
                    errors.add(g.source() + ": InferenceGraph '" + g.name() + "': the name is already used in "
                            + first);
                } else {
                    graphs.put(g.name(), g);
                }
            }
        }
        return new Scan(new LinkedHashMap<>(services), new LinkedHashMap<>(graphs), errors);
    }

    private Parsed parse(Path file) {
        String content;
        try {
            content = Files.readString(file);
        } catch (IOException e) {
            return new Parsed(null, List.of(), List.of(), file + ": cannot be read: " + e.getMessage());
        }
        Parsed cached = cache.get(file);
        if (cached != null && content.equals(cached.content())) {
            return cached;
        }
        Parsed parsed;
        try {
            SpecFiles.Parsed specs = SpecFiles.parse(file.toString(), content);
            parsed = new Parsed(content, specs.services(), specs.graphs(), null);
        } catch (InvalidSpecException e) {
            parsed = new Parsed(content, List.of(), List.of(), e.getMessage());
        }
        cache.put(file, parsed);
        return parsed;
    }

    private static boolean isSpecFile(Path p) {
        String n = p.getFileName().toString();
        return !n.startsWith(".") && (n.endsWith(".yaml") || n.endsWith(".yml")) && Files.isRegularFile(p);
    }
}
