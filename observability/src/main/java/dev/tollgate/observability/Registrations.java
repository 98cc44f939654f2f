package dev.tollgate.observability;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What a sink registered in a server's registry, to take out when the application stops. The
 * registry outlives the application: a meter left there keeps the stopped engine's suppliers. Once
 * closed, a meter registered late (a renewal still finishing) is taken out at once.
 *
 * @param <M> how the registry names a meter (Micrometer's {@code Meter}, MP Metrics' {@code MetricID})
 */
public final class Registrations<M> {

    private final Set<M> registered = ConcurrentHashMap.newKeySet();
    private final Consumer<M> removal;
    private volatile boolean closed;

    /** @param removal takes one meter out of the registry */
    public Registrations(Consumer<M> removal) {
        this.removal = Objects.requireNonNull(removal, "removal");
    }

    /** True once {@link #close()} ran: a sink then registers nothing more. */
    public boolean isClosed() {
        return closed;
    }

    /** Notes a meter just registered; one registered while closing is taken out at once. */
    public void add(M meter) {
        registered.add(meter);
        // close() sets the flag before it removes: either it saw this meter, or this sees the flag
        if (closed && registered.remove(meter)) {
            removal.accept(meter);
        }
    }

    /** Takes every noted meter out of the registry; later ones too, as they come. */
    public void close() {
        closed = true;
        registered.removeIf(meter -> {
            removal.accept(meter);
            return true;
        });
    }
}
