package dev.tollgate.engine.observe;

/**
 * The engine's metrics. Names use dots (Micrometer's convention; Prometheus shows
 * {@code tollgate_token_requests_total}). Tags: {@code client} and {@code credential} (the
 * credential's name) on every metric, {@code tenant} only with {@code tollgate.metrics.per-tenant=true}
 * (tenants can be many), plus the tag each metric names below.
 */
public enum Metric {
    /** Token requests sent to a token endpoint; tag {@code outcome}: {@code succeeded} or {@code failed}. */
    TOKEN_REQUESTS("tollgate.token.requests", Type.COUNTER, "Token requests sent to token endpoints"),
    /** Credentials a vendor refused (a 401 from the API, or a token endpoint refusing the client or grant). */
    CREDENTIALS_REJECTED("tollgate.credentials.rejected", Type.COUNTER, "Credentials a vendor refused"),
    /** Requests repeated once with a fresh credential after a 401. */
    UNAUTHORIZED_REPEATS("tollgate.unauthorized.repeats", Type.COUNTER, "Requests repeated with a fresh credential after a 401"),
    /**
     * Calls refused before anything was sent; tag {@code reason}: {@code no_credential},
     * {@code foreign_origin}, {@code unsafe_header}, {@code cooling_down} or {@code without_client_tls}. Tag {@code credential}
     * is {@code ""} where no credential was chosen yet.
     */
    CALLS_REFUSED("tollgate.calls.refused", Type.COUNTER, "Calls refused before anything was sent"),
    /** Cooldowns started after a failed token fetch. */
    COOLDOWNS("tollgate.cooldowns", Type.COUNTER, "Cooldowns started after a failed token fetch"),
    /**
     * Credentials this server took from the cluster's shared copy ({@code tollgate.cache=cluster})
     * instead of asking the vendor: with token requests, how well the servers share.
     */
    CLUSTER_ADOPTED("tollgate.cluster.adopted", Type.COUNTER, "Credentials taken from the cluster instead of fetched here"),
    /**
     * Fetches through the cluster that its cache did not answer ({@code tollgate.cache=cluster}):
     * this server then fetched, or kept what it fetched, on its own.
     */
    CLUSTER_UNANSWERED("tollgate.cluster.unanswered", Type.COUNTER, "Fetches the cluster's cache did not answer"),
    /** Credentials in the cache now. */
    CACHED_CREDENTIALS("tollgate.credentials.cached", Type.GAUGE, "Credentials in the cache"),
    /**
     * Seconds until the cached credential expires: the fewest among the client's tenants unless
     * per-tenant; absent (NaN) while none of that kind is cached or it never expires.
     */
    SECONDS_LEFT("tollgate.credential.seconds.left", Type.GAUGE, "Seconds until the cached credential expires");

    public enum Type { COUNTER, GAUGE }

    private final String metricName;
    private final Type type;
    private final String description;

    Metric(String metricName, Type type, String description) {
        this.metricName = metricName;
        this.type = type;
        this.description = description;
    }

    public String metricName() {
        return metricName;
    }

    public Type type() {
        return type;
    }

    public String description() {
        return description;
    }
}
