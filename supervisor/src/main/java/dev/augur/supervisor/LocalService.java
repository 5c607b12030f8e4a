package dev.augur.supervisor;

import dev.augur.catalog.CatalogStatus;
import dev.augur.catalog.Lease;
import dev.augur.isvc.Component;
import dev.augur.isvc.ComponentKind;
import dev.augur.isvc.InferenceService;
import dev.augur.protocol.core.InferenceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * The revisions of one component of an InferenceService and the route between them, following KServe and Knative:
 * <ul>
 * <li>a spec whose revision template changed makes a new revision (generation N+1); a change of
 * {@code canaryTrafficPercent} alone only moves traffic;</li>
 * <li>with {@code canaryTrafficPercent: X}, X% goes to the new revision and the rest to the revision that last took
 * all traffic, which keeps running; without it, the new revision takes everything;</li>
 * <li>a route only switches once all its revisions have been ready: until then the old route serves (and the very
 * first rollout waits in the activator); revisions no route uses are then stopped.</li>
 * </ul>
 * Spec changes and housekeeping run on the catalog's single thread; requests only read the volatile route.
 */
final class LocalService {
    private static final Logger LOG = Logger.getLogger(LocalService.class);

    private final String name;
    private final ComponentKind kind;
    private final BiFunction<InferenceService, Integer, Revision> revisions;
    private final Random random;
    private final List<Revision> live = new CopyOnWriteArrayList<>();
    private InferenceService spec;
    private volatile TrafficRoute<Revision> route;
    private volatile TrafficRoute<Revision> pending;
    private Revision latest;
    private Revision previous;
    private int generation;

    /** @param revisions makes the revision of a spec for a generation number */
    LocalService(String name, ComponentKind kind, BiFunction<InferenceService, Integer, Revision> revisions,
            Random random) {
        this.name = name + "-" + kind.field();
        this.kind = kind;
        this.revisions = revisions;
        this.random = random;
    }

    /** Applies a new or changed spec (catalog thread); the spec it already runs changes nothing. */
    synchronized void apply(InferenceService next) {
        if (next.equals(spec)) {
            return;
        }
        Component component = next.component(kind).orElseThrow();
        Integer canary = component.canaryTrafficPercent();
        if (latest == null || !component.template().equals(latest.spec().template())) {
            Revision created = revisions.apply(next, ++generation);
            if (canary != null && latest != null) {
                // The canary splits against the revision that last took all traffic; replacing a canary that is
                // still being tried keeps that same base.
                TrafficRoute<Revision> serving = route;
                if (serving != null && serving.sole() != null) {
                    previous = serving.sole();
                } else if (previous == null) {
                    previous = latest;
                }
            } else {
                previous = null;
            }
            latest = created;
            live.add(created);
            LOG.infof("%s: revision %s%s", name, created.name(), canary != null && previous != null
                    ? " takes " + canary + "% as canary of " + previous.name() : "");
            created.start();
        } else if (canary == null) {
            previous = null;
        }
        spec = next;
        pending = TrafficRoute.canary(previous, latest, canary, random);
        promote();
    }

    /** Housekeeping (catalog thread): switch routes whose revisions are ready, scale down, restart. */
    synchronized void tick(long now) {
        promote();
        for (Revision r : live) {
            r.tick(now);
        }
    }

    private void promote() {
        TrafficRoute<Revision> want = pending;
        if (want == null || !want.splits().stream().allMatch(s -> s.target().everReady())) {
            return;
        }
        route = want;
        pending = null;
        for (Revision r : live) {
            if (!want.contains(r)) {
                LOG.infof("%s: retiring revision %s", name, r.name());
                r.stop("retired: no longer in the route");
                live.remove(r);
            }
        }
    }

    /** Stops every revision (the service was deleted, or the gateway stops). */
    synchronized List<Revision> stopAll(String why) {
        List<Revision> stopped = new ArrayList<>(live);
        for (Revision r : stopped) {
            r.stop(why);
        }
        live.clear();
        route = null;
        pending = null;
        return stopped;
    }

    /**
     * A lease on the revision the split picks for this request, waiting for it to become ready for at most
     * {@code activatorTimeout} (scale from zero, first rollout).
     */
    CompletableFuture<Lease> acquire(Duration activatorTimeout) {
        TrafficRoute<Revision> r = route != null ? route : pending;
        if (r == null) {
            return CompletableFuture.failedFuture(InferenceException.unavailable("component '" + name
                    + "' has no revision to serve it"));
        }
        Revision revision = r.pick();
        long deadline = System.nanoTime() + activatorTimeout.toNanos();
        return lease(revision, deadline, activatorTimeout);
    }

    private CompletableFuture<Lease> lease(Revision revision, long deadline, Duration activatorTimeout) {
        long left = deadline - System.nanoTime();
        return revision.ensureRunning().copy()
                .orTimeout(Math.max(1, left), TimeUnit.NANOSECONDS)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(
                        e instanceof TimeoutException || e.getCause() instanceof TimeoutException
                                ? InferenceException.unavailable("component '" + revision.component()
                                        + "' (revision " + revision.name() + ") is not ready after "
                                        + activatorTimeout.toSeconds() + " s (augur.activator.timeout)")
                                : e))
                .thenCompose(endpoint -> revision.begin()
                        ? CompletableFuture.completedFuture(new Lease(endpoint, revision::end))
                        // Scaled down between "ready" and "begin": start it again within the same bound.
                        : lease(revision, deadline, activatorTimeout));
    }

    /** Ready when some revision has served and the route's revisions are not failed. */
    boolean ready() {
        TrafficRoute<Revision> r = route;
        return r != null && r.splits().stream().noneMatch(s -> s.target().state() == RevisionState.FAILED);
    }

    List<CatalogStatus.Revision> status() {
        TrafficRoute<Revision> r = route;
        List<CatalogStatus.Revision> out = new ArrayList<>();
        for (Revision rev : live) {
            out.add(rev.status(r == null ? 0 : r.percent(rev)));
        }
        return out;
    }
}
