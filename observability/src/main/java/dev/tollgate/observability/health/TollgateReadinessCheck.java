package dev.tollgate.observability.health;

import dev.tollgate.engine.cdi.EngineBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The readiness check {@code tollgate}: DOWN, naming client, tenant and credential, while a vendor
 * rejects a credential or token fetches cool down; UP otherwise (a client not called yet is UP,
 * its configuration having passed the deployment check). Liveness is left alone: a restart mends
 * neither a wrong credential nor a vendor that is down.
 */
@Readiness
@ApplicationScoped
public class TollgateReadinessCheck implements HealthCheck {

    @Inject
    EngineBean engine;

    @Override
    public HealthCheckResponse call() {
        return ReadinessResponse.of(engine.engine().health());
    }
}
