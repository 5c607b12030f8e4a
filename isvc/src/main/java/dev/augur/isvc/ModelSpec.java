package dev.augur.isvc;

import java.util.List;
import java.util.Map;

/**
 * {@code spec.predictor.model} (or a framework shorthand such as {@code spec.predictor.sklearn}, which KServe still
 * accepts: the key becomes {@code format}).
 *
 * @param format          {@code modelFormat.name}, e.g. {@code sklearn}, {@code onnx}
 * @param formatVersion   {@code modelFormat.version}, or null
 * @param storageUri      {@code storageUri}: {@code gs://}, {@code s3://}, {@code pvc://}, {@code file://}, a path...
 * @param protocolVersion {@code protocolVersion}, or null for the runtime's default
 * @param runtime         {@code runtime}: the ServingRuntime to use, or null to let the platform choose
 * @param runtimeVersion  {@code runtimeVersion}, or null
 * @param args            container {@code args}
 * @param env             container {@code env} as name to value (only literal {@code value}s)
 * @param resources       container {@code resources}, or null
 */
public record ModelSpec(String format, String formatVersion, String storageUri, ProtocolVersion protocolVersion,
        String runtime, String runtimeVersion, List<String> args, Map<String, String> env, Resources resources) {

    public ModelSpec {
        args = List.copyOf(args);
        env = Map.copyOf(env);
    }

    /** KServe's {@code protocolVersion} values. */
    public enum ProtocolVersion {
        V1("v1"), V2("v2"), GRPC_V2("grpc-v2");

        private final String value;

        ProtocolVersion(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }
}
