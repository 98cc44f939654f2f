package dev.tollgate.demo.sandbox;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts, per vendor, the requests the sandbox refused for their credential (401 or 403): a
 * missing, expired, unknown or wrong token or client secret. Tollgate repeats a call refused with
 * 401 once with a fresh credential, so the application may never see such a refusal; the vendor
 * does, and these counts are the vendor's view.
 */
@Provider
public class RefusedCredentials implements ContainerResponseFilter {

    private final ConcurrentMap<String, LongAdder> byVendor = new ConcurrentHashMap<>();

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status != 401 && status != 403) {
            return;
        }
        List<PathSegment> segments = request.getUriInfo().getPathSegments();
        String vendor = segments.isEmpty() ? "" : segments.get(0).getPath();
        byVendor.computeIfAbsent(vendor, v -> new LongAdder()).increment();
    }

    /** Refusals so far, by the vendor's path prefix ({@code sila}, {@code bigcommerce}, ...). */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        byVendor.forEach((vendor, count) -> counts.put(vendor, count.sum()));
        return counts;
    }
}
