package dev.tollgate.engine.restclient;

import dev.tollgate.engine.TenantContext;
import org.eclipse.microprofile.rest.client.ext.AsyncInvocationInterceptor;
import org.eclipse.microprofile.rest.client.ext.AsyncInvocationInterceptorFactory;

/**
 * Carries the tenant chosen with {@code Tollgate.withTenant} to the thread that runs an
 * asynchronous Rest Client call, and clears it there afterwards.
 */
public class TenantPropagation implements AsyncInvocationInterceptorFactory {

    @Override
    public AsyncInvocationInterceptor newInterceptor() {
        return new AsyncInvocationInterceptor() {
            private String tenant;
            private String replaced;

            @Override
            public void prepareContext() {
                tenant = TenantContext.current().orElse(null);
            }

            @Override
            public void applyContext() {
                replaced = TenantContext.enter(tenant);
            }

            @Override
            public void removeContext() {
                TenantContext.restore(replaced);
            }
        };
    }
}
