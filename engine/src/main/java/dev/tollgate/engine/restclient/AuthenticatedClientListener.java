package dev.tollgate.engine.restclient;

import dev.tollgate.api.Authenticated;
import dev.tollgate.engine.EngineLocator;
import dev.tollgate.engine.TollgateEngine;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.spi.RestClientListener;

/**
 * MicroProfile Rest Client's standard hook (found with ServiceLoader): every interface that
 * carries {@link Authenticated} gets the named client's Tollgate feature, with no other
 * registration by the application; and the client's TLS context when it has one
 * ({@code tls-key-store}, {@code tls-trust-store}).
 */
public class AuthenticatedClientListener implements RestClientListener {

    @Override
    public void onNewClient(Class<?> serviceInterface, RestClientBuilder builder) {
        Authenticated authenticated = serviceInterface.getAnnotation(Authenticated.class);
        if (authenticated == null) {
            return;
        }
        TollgateEngine engine = EngineLocator.current();
        builder.register(engine.feature(authenticated.value()));
        builder.register(new TenantPropagation());
        builder.followRedirects(false);
        // the client's certificate and trusted servers. An interface's own mp-rest/keyStore or
        // mp-rest/trustStore, applied over it (Jersey applies them after this context), leaves
        // the interface without it: the request filter then refuses its https calls, saying so
        engine.tlsContext(authenticated.value()).ifPresent(builder::sslContext);
    }
}
