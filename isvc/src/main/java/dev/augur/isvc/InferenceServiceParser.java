package dev.augur.isvc;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Parses KServe {@code serving.kserve.io/v1beta1} InferenceService YAML, one or more documents per file, into
 * {@link InferenceService} records. Strict: a field this parser does not know is an error naming it, so a typo
 * ({@code minReplica}) never silently falls back to a default. Uses Jackson's tree model only (no databind onto
 * classes), which keeps it free of reflection for native images.
 */
public final class InferenceServiceParser {
    /** KServe's framework shorthands ({@code predictor.sklearn: {storageUri: ...}}), still valid v1beta1. */
    static final List<String> FRAMEWORKS = List.of("sklearn", "xgboost", "lightgbm", "onnx", "pmml", "tensorflow",
            "pytorch", "triton", "paddle", "huggingface");

    /** Files hold KServe's resources: the gateway's local mode serves the YAML a KServe user already has. */
    private static final Set<String> FILE_API_VERSIONS = Set.of(InferenceService.API_VERSION);
    /** Objects from the API server: Augur's own CRD, or KServe's where a cluster serves both. */
    private static final Set<String> OBJECT_API_VERSIONS = Set.of(InferenceService.AUGUR_API_VERSION,
            InferenceService.API_VERSION);

    private InferenceServiceParser() {
    }

    /** Every InferenceService in the file; the file's path is the source named in errors. */
    public static List<InferenceService> parse(Path file) {
        String source = file.toString();
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidSpecException(source, null, "cannot be read: " + e.getMessage());
        }
        return parse(source, yaml);
    }

    /** Every InferenceService in {@code yaml}; empty documents (a trailing {@code ---}) are skipped. */
    public static List<InferenceService> parse(String source, String yaml) {
        List<InferenceService> out = new ArrayList<>();
        Manifest.documents(source, yaml, (name, node) -> out.add(fileDocument(name, node)));
        return out;
    }

    /**
     * An InferenceService object as the Kubernetes API server returns it (a fabric8 resource turned into a tree, or
     * a watch event's object), with apiVersion {@value InferenceService#AUGUR_API_VERSION} or KServe's. Only what a
     * user writes is read, with the same strict rules as files: the metadata the server adds ({@code uid},
     * {@code managedFields}, ...) and {@code status} are ignored, an unknown field under {@code spec} is an error.
     *
     * @param source names the object in messages, e.g. {@code models/iris}
     */
    public static InferenceService parseObject(String source, JsonNode object) {
        return document(source, Manifest.userPart(source, object), OBJECT_API_VERSIONS);
    }

    /** One document of a services file (KServe's apiVersion), for readers of files holding several kinds. */
    static InferenceService fileDocument(String source, JsonNode node) {
        return document(source, node, FILE_API_VERSIONS);
    }

    private static InferenceService document(String source, JsonNode node, Set<String> apiVersions) {
        Manifest m = Manifest.read(source, node, apiVersions, InferenceService.KIND);
        Fields spec = m.spec();
        Fields predictor = spec.object("predictor");
        if (predictor == null) {
            throw spec.error("predictor", "is required");
        }
        Component p = ComponentReader.read(predictor, ComponentKind.PREDICTOR);
        Optional<Component> t = Optional.ofNullable(spec.object("transformer"))
                .map(f -> ComponentReader.read(f, ComponentKind.TRANSFORMER));
        Optional<Component> e = Optional.ofNullable(spec.object("explainer"))
                .map(f -> ComponentReader.read(f, ComponentKind.EXPLAINER));
        spec.rejectUnknown();
        ObjectMeta meta = m.meta();
        return new InferenceService(source, meta.name(), meta.namespace(), meta.labels(), meta.annotations(), p, t, e);
    }
}
