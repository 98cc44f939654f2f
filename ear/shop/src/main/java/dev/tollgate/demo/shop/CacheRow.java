package dev.tollgate.demo.shop;

import dev.tollgate.engine.CacheEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One credential of the cache as the page shows it: as it is now, and as it was when the page's
 * calls began. A token that was stale then and has a later renewal time now was renewed in the
 * background while the calls were served with it, which is what the page lets a visitor watch.
 *
 * @param before the entry before the page's calls; null when the calls created it
 */
record CacheRow(CacheEntry now, CacheEntry before) {

    /** Pairs the entries after the calls with those before, by client, tenant and credential. */
    static List<CacheRow> of(List<CacheEntry> before, List<CacheEntry> after) {
        Map<List<String>, CacheEntry> earlier = new HashMap<>();
        for (CacheEntry e : before) {
            earlier.put(key(e), e);
        }
        List<CacheRow> rows = new ArrayList<>(after.size());
        for (CacheEntry e : after) {
            rows.add(new CacheRow(e, earlier.get(key(e))));
        }
        return rows;
    }

    /** Whether the credential was stale when the calls began (so they were served with it while a renewal ran). */
    boolean wasStale(Instant callsBegan) {
        return before != null && "stale".equals(before.stateAt(callsBegan));
    }

    /** Whether the credential was obtained again since the calls began. */
    boolean renewedDuringCalls() {
        return before != null && before.obtainedAt() != null && now.obtainedAt() != null
                && now.obtainedAt().isAfter(before.obtainedAt());
    }

    /** "fresh", ..., or how a stale token is being renewed in the background. */
    String state(Instant callsBegan, Instant at) {
        String state = now.stateAt(at);
        if (!wasStale(callsBegan)) {
            return state;
        }
        return renewedDuringCalls() ? state + ": renewed in the background during this page's calls, which it served while stale"
                : state + ": served to this page's calls while a renewal runs in the background";
    }

    private static List<String> key(CacheEntry e) {
        return List.of(e.client(), e.tenant(), Objects.toString(e.credential(), ""));
    }
}
