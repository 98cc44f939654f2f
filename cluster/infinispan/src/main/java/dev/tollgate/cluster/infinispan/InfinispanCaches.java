package dev.tollgate.cluster.infinispan;

import dev.tollgate.engine.cluster.SharedMap;
import java.util.Optional;
import org.infinispan.Cache;

/**
 * The one place that names Infinispan's {@link Cache} outside {@link InfinispanSharedMap}: loaded
 * only once {@link InfinispanMapProvider} has seen that Infinispan is there.
 */
final class InfinispanCaches {

    private InfinispanCaches() {
    }

    /** The shared map over {@code bound}, or empty when it is not a cache of the Infinispan {@code classes} see. */
    @SuppressWarnings("unchecked") // Tollgate writes only Strings into its own cache
    static Optional<SharedMap> open(Object bound, ClassLoader classes) {
        if (!(bound instanceof Cache<?, ?> cache)) {
            return Optional.empty();
        }
        return Optional.of(new InfinispanSharedMap((Cache<String, String>) cache));
    }
}
