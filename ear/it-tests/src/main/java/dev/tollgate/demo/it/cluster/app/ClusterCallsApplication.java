package dev.tollgate.demo.it.cluster.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The cluster tests' web module: {@link ClusterCalls} at {@code /cluster-it/call/<client>},
 * {@link ClusterObservations} at {@code /cluster-it/observations/<client>}.
 */
@ApplicationPath("/")
public class ClusterCallsApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(ClusterCalls.class, ClusterObservations.class);
    }
}
