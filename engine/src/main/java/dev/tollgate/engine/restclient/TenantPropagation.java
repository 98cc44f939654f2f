package dev.tollgate.engine.restclient;

import dev.tollgate.api.runtime.TenantContext;
import org.eclipse.microprofile.rest.client.ext.AsyncInvocationInterceptor;
import org.eclipse.microprofile.rest.client.ext.AsyncInvocationInterceptorFactory;

/**
 * Carries the tenant chosen with {@code Tollgate.withTenant} to the thread that runs an
 * asynchronous Rest Client call. The tenant is read on the caller's thread, selected on the
 * worker's for that one call, and ended there by Tollgate's filter as it attaches the credential;
 * {@code removeContext} ends it too, on whichever thread an implementation calls it (Jersey calls
 * it on the caller's when the call has already failed), without touching that thread's own
 * selection.
 */
public class TenantPropagation implements AsyncInvocationInterceptorFactory {

    @Override
    public AsyncInvocationInterceptor newInterceptor() {
        return new AsyncInvocationInterceptor() {
            private String tenant;
            private volatile TenantContext.Scope carried;

            @Override
            public void prepareContext() {
                tenant = TenantContext.current().orElse(null);
            }

            @Override
            public void applyContext() {
                carried = TenantContext.carry(tenant);
            }

            @Override
            public void removeContext() {
                TenantContext.Scope scope = carried;
                if (scope != null) {
                    scope.end();
                }
            }
        };
    }
}
