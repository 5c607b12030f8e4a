package dev.augur.supervisor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a service's requests go: revisions with their share of traffic in percent. Picks follow a shuffled table
 * of 100 slots, so every 100 consecutive requests split exactly as configured (a 10% canary gets 10, not 4 or 17)
 * while the order has no short cycle a client's own request pattern could line up with.
 *
 * @param <T> the revision type
 */
final class TrafficRoute<T> {

    /** A revision and its share; a 0% share keeps the revision running (for a rollback) without traffic. */
    record Split<T>(T target, int percent) {
    }

    private final List<Split<T>> splits;
    private final List<T> slots;
    private final AtomicInteger next = new AtomicInteger();

    private TrafficRoute(List<Split<T>> splits, Random random) {
        this.splits = List.copyOf(splits);
        List<T> table = new ArrayList<>(100);
        for (Split<T> s : splits) {
            for (int i = 0; i < s.percent(); i++) {
                table.add(s.target());
            }
        }
        Collections.shuffle(table, random);
        this.slots = List.copyOf(table);
    }

    static <T> TrafficRoute<T> single(T target) {
        return new TrafficRoute<>(List.of(new Split<>(target, 100)), new Random());
    }

    /**
     * KServe's canary: {@code canaryPercent} to the latest revision, the rest to the one that last took all traffic.
     * Without a previous revision (first rollout) the latest takes everything.
     */
    static <T> TrafficRoute<T> canary(T previous, T latest, Integer canaryPercent, Random random) {
        if (previous == null || canaryPercent == null || previous.equals(latest)) {
            return single(latest);
        }
        return new TrafficRoute<>(List.of(new Split<>(previous, 100 - canaryPercent),
                new Split<>(latest, canaryPercent)), random);
    }

    T pick() {
        return slots.get(Math.floorMod(next.getAndIncrement(), slots.size()));
    }

    List<Split<T>> splits() {
        return splits;
    }

    boolean contains(T target) {
        return splits.stream().anyMatch(s -> s.target().equals(target));
    }

    int percent(T target) {
        return splits.stream().filter(s -> s.target().equals(target)).mapToInt(Split::percent).sum();
    }

    /** The only revision when one takes all traffic, else null. */
    T sole() {
        return splits.size() == 1 ? splits.get(0).target() : null;
    }
}
