package dev.augur.supervisor;

import dev.augur.catalog.CatalogStatus;
import dev.augur.catalog.Lease;
import dev.augur.isvc.ComponentKind;
import dev.augur.isvc.InferenceService;
import dev.augur.protocol.core.InferenceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * One InferenceService in local mode: a {@link LocalService} (revisions and route) per component its spec has.
 * A component that leaves the spec is stopped; each component rolls out on its own, as KServe's do.
 */
final class LocalInferenceService {
    /** Makes the revision of a component of a spec for a generation number. */
    interface Revisions {
        Revision make(InferenceService spec, ComponentKind kind, int generation);
    }

    private final String name;
    private final Revisions revisions;
    private final Random random;
    private final Map<ComponentKind, LocalService> components = new EnumMap<>(ComponentKind.class);
    private volatile InferenceService spec;

    LocalInferenceService(String name, Revisions revisions, Random random) {
        this.name = name;
        this.revisions = revisions;
        this.random = random;
    }

    InferenceService spec() {
        return spec;
    }

    /** Applies a new or changed spec (catalog thread). */
    synchronized void apply(InferenceService next) {
        for (ComponentKind kind : ComponentKind.values()) {
            LocalService c = components.get(kind);
            if (next.component(kind).isEmpty()) {
                if (c != null) {
                    c.stopAll(kind.field() + " removed from the spec");
                    components.remove(kind);
                }
                continue;
            }
            if (c == null) {
                c = new LocalService(name, kind, (s, generation) -> revisions.make(s, kind, generation), random);
                components.put(kind, c);
            }
            c.apply(next);
        }
        spec = next;
    }

    synchronized void tick(long now) {
        for (LocalService c : components.values()) {
            c.tick(now);
        }
    }

    synchronized List<Revision> stopAll(String why) {
        List<Revision> stopped = new ArrayList<>();
        for (LocalService c : components.values()) {
            stopped.addAll(c.stopAll(why));
        }
        components.clear();
        return stopped;
    }

    CompletableFuture<Lease> acquire(ComponentKind kind, Duration activatorTimeout) {
        LocalService c;
        synchronized (this) {
            c = components.get(kind);
        }
        if (c == null) {
            return CompletableFuture.failedFuture(InferenceException.notFound("InferenceService '" + name
                    + "' has no " + kind.field()));
        }
        return c.acquire(activatorTimeout);
    }

    synchronized CatalogStatus.Service status() {
        List<CatalogStatus.Revision> revisions = new ArrayList<>();
        boolean ready = !components.isEmpty();
        for (LocalService c : components.values()) {
            revisions.addAll(c.status());
            ready &= c.ready();
        }
        InferenceService s = spec;
        return new CatalogStatus.Service(name, s.namespace(), s.source(), ready, revisions);
    }
}
