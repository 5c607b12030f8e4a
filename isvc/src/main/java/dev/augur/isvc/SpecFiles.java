package dev.augur.isvc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A services file of local mode: YAML documents that are InferenceServices or InferenceGraphs (told apart by
 * {@code kind}), each read by its own parser with the same strict errors.
 */
public final class SpecFiles {

    /** What a file holds, each kind in file order. */
    public record Parsed(List<InferenceService> services, List<InferenceGraph> graphs) {
        public Parsed {
            services = List.copyOf(services);
            graphs = List.copyOf(graphs);
        }
    }

    private SpecFiles() {
    }

    public static Parsed parse(String source, String yaml) {
        List<InferenceService> services = new ArrayList<>();
        List<InferenceGraph> graphs = new ArrayList<>();
        int doc = 0;
        try (MappingIterator<JsonNode> docs = InferenceServiceParser.YAML.readerFor(JsonNode.class)
                .readValues(yaml)) {
            while (docs.hasNextValue()) {
                JsonNode node = docs.nextValue();
                doc++;
                if (InferenceServiceParser.isEmpty(node)) {
                    continue;
                }
                String name = doc == 1 ? source : source + " (document " + doc + ")";
                JsonNode kind = node.isObject() ? node.get("kind") : null;
                if (kind != null && InferenceGraph.KIND.equals(kind.asText())) {
                    graphs.add(InferenceGraphParser.fileDocument(name, node));
                } else {
                    services.add(InferenceServiceParser.fileDocument(name, node));
                }
            }
        } catch (JsonProcessingException e) {
            throw new InvalidSpecException(source, null, "is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new InvalidSpecException(source, null, "cannot be read: " + e.getMessage());
        } catch (RuntimeException e) {
            if (e instanceof InvalidSpecException ise) {
                throw ise;
            }
            Throwable cause = e.getCause() instanceof JsonProcessingException jpe ? jpe : e;
            throw new InvalidSpecException(source, null, "is not valid YAML: " + cause.getMessage());
        }
        return new Parsed(services, graphs);
    }
}
