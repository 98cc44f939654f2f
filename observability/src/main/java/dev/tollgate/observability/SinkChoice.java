package dev.tollgate.observability;

import dev.tollgate.engine.observe.MetricsSink;
import jakarta.enterprise.inject.AmbiguousResolutionException;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Picks the metrics API the server serves: the first of the given APIs whose registry class the
 * application can load and whose registry is a bean. Only then is that API's factory loaded, so a
 * server without the API never loads a class that refers to it.
 */
final class SinkChoice {

    private static final Logger LOG = Logger.getLogger(SinkChoice.class.getName());

    private final BeanManager beans;
    private final ClassLoader loader;

    SinkChoice(BeanManager beans, ClassLoader loader) {
        this.beans = beans;
        this.loader = loader;
    }

    Optional<MetricsSink> choose(List<MetricsApi> apis) {
        for (MetricsApi api : apis) {
            if (served(api)) {
                MetricsSink sink = factory(api).sink(beans);
                LOG.fine(() -> "Tollgate's metrics go to the server's " + api.name() + " registry");
                return Optional.of(sink);
            }
        }
        LOG.fine("the server serves no metrics API Tollgate knows (Micrometer, MicroProfile Metrics): its metrics are counted by the engine only");
        return Optional.empty();
    }

    /** The registry's class is there and one bean is the registry (resolved, not yet made). */
    private boolean served(MetricsApi api) {
        Class<?> type;
        try {
            type = Class.forName(api.registryClass(), false, loader);
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
        try {
            return beans.resolve(beans.getBeans(type)) != null;
        } catch (AmbiguousResolutionException ambiguous) {
            LOG.fine(() -> "more than one " + api.registryClass() + " bean: Tollgate's metrics do not go to " + api.name());
            return false;
        }
    }

    private SinkFactory factory(MetricsApi api) {
        try {
            return (SinkFactory) Class.forName(api.factoryClass(), true, loader).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            // Tollgate's own class missing or broken: a packaging error, not a server without the API
            throw new IllegalStateException("cannot load " + api.factoryClass() + " for " + api.name(), e);
        }
    }
}
