package dev.tollgate.engine;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.UnsafeRequestException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.Configuration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes sure no other request filter of a client shares Tollgate's priority
 * ({@link AuthenticationFilter#PRIORITY}, the highest there is): JAX-RS does not say in which
 * order filters of one priority run, and Jersey runs some of them after Tollgate's, where they
 * would see the credential and could send the request elsewhere. Jersey's own logging filter
 * has that priority, and it logs every header but {@code Authorization}.
 */
final class LastFilterCheck {

    private LastFilterCheck() {
    }

    /** @throws UnsafeRequestException naming the filters that share Tollgate's priority */
    static void requireLastPlace(Configuration configuration, ClientRef client) {
        List<String> sharing = new ArrayList<>();
        for (Class<?> type : configuration.getClasses()) {
            addIfLast(configuration, type, sharing);
        }
        for (Object instance : configuration.getInstances()) {
            addIfLast(configuration, instance.getClass(), sharing);
        }
        if (!sharing.isEmpty()) {
            throw new UnsafeRequestException(client, "the request filter(s) " + sharing + " have priority "
                    + AuthenticationFilter.PRIORITY + ", the one Tollgate needs to attach credentials after every"
                    + " other filter; a filter of that priority may run after Tollgate's and see or redirect the"
                    + " credential. Register it with a lower priority. Nothing was sent.");
        }
    }

    private static void addIfLast(Configuration configuration, Class<?> type, List<String> sharing) {
        if (!ClientRequestFilter.class.isAssignableFrom(type) || type == AuthenticationFilter.class) {
            return;
        }
        if (priority(configuration, type) == AuthenticationFilter.PRIORITY && !sharing.contains(type.getName())) {
            sharing.add(type.getName());
        }
    }

    /** The priority it was registered with, else its annotation's, else the JAX-RS default. */
    private static int priority(Configuration configuration, Class<?> type) {
        Map<Class<?>, Integer> contracts = configuration.getContracts(type);
        Integer registered = contracts == null ? null : contracts.get(ClientRequestFilter.class);
        if (registered != null && registered >= 0) {
            return registered;
        }
        Priority annotated = type.getAnnotation(Priority.class);
        return annotated != null ? annotated.value() : Priorities.USER;
    }
}
