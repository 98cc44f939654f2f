package dev.tollgate.provider.bigcommerce.inbound;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The JWT ids ({@code jti}) of one client's callbacks that were accepted and could still be
 * accepted: each is remembered until the moment its JWT can no longer pass verification, then
 * forgotten. At most {@code capacity} ids are held; when that many are still live a new one is
 * refused rather than an old one forgotten, which would make that one replayable again.
 * Only verified JWTs are recorded, so filling it takes BigCommerce's signature.
 */
final class ReplayCache {

    /** Outcome of {@link #firstUse}. */
    enum Use { FIRST, REPLAY, FULL }

    private record Entry(String jti, Instant forgetAt) {
    }

    private final int capacity;
    private final Map<String, Instant> live = new HashMap<>();
    private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>(Comparator.comparing(Entry::forgetAt));

    ReplayCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    /**
     * Records {@code jti} until {@code forgetAt} if it is not live yet. {@code REPLAY} if it is;
     * {@code FULL} if {@code capacity} other ids are still live (nothing recorded).
     */
    synchronized Use firstUse(String jti, Instant forgetAt, Instant now) {
        forgetExpired(now);
        if (live.containsKey(jti)) {
            return Use.REPLAY;
        }
        if (live.size() >= capacity) {
            return Use.FULL;
        }
        live.put(jti, forgetAt);
        byExpiry.add(new Entry(jti, forgetAt));
        return Use.FIRST;
    }

    /**
     * Forgets {@code jti}: the request it came with did not do what it asked (an uninstall the
     * tenant store could not write), so the same payload, sent again by BigCommerce, is taken.
     */
    synchronized void forget(String jti) {
        live.remove(jti);
    }

    synchronized int size() {
        return live.size();
    }

    private void forgetExpired(Instant now) {
        while (!byExpiry.isEmpty() && !byExpiry.peek().forgetAt().isAfter(now)) {
            Entry expired = byExpiry.poll();
            live.remove(expired.jti(), expired.forgetAt()); // not one recorded again after a forget
        }
    }
}
