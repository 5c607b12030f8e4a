package dev.augur.isvc;

import java.util.List;
import java.util.Map;

/**
 * A custom container of a component (KServe's {@code containers:}), with the Kubernetes container fields the
 * platform reads.
 */
public record Container(String name, String image, List<String> command, List<String> args, Map<String, String> env,
        Resources resources) {

    public Container {
        command = List.copyOf(command);
        args = List.copyOf(args);
        env = Map.copyOf(env);
    }
}
