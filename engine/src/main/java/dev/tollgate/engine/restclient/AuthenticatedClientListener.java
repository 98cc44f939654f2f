package dev.tollgate.engine.restclient;

import dev.tollgate.api.Authenticated;
import dev.tollgate.engine.EngineLocator;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.spi.RestClientListener;

/**
 * MicroProfile Rest Client's standard hook (found with ServiceLoader): every interface that
 * carries {@link Authenticated} gets the named client's Tollgate feature, with no other
 * registration by the application.
 */
public class AuthenticatedClientListener implements RestClientListener {

    @Override
    public void onNewClient(Class<?> serviceInterface, RestClientBuilder builder) {
        Authenticated authenticated = serviceInterface.getAnnotation(Authenticated.class);
        if (authenticated == null) {
            return;
        }
        builder.register(EngineLocator.current().feature(authenticated.value()));
        builder.register(new TenantPropagation());
        builder.followRedirects(false);
    }
}
