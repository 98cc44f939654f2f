package dev.tollgate.provider.oauth2;

import dev.tollgate.spi.TenantSettings;
import jakarta.ws.rs.core.Form;
import java.util.Optional;

/** What the token request asks for: {@code scope} (RFC 6749 §3.3) and {@code audience}. */
final class RequestedAccess {

    static final String SCOPE = "scope";
    static final String AUDIENCE = "audience";

    private final Optional<String> scope;
    private final Optional<String> audience;

    private RequestedAccess(Optional<String> scope, Optional<String> audience) {
        this.scope = scope;
        this.audience = audience;
    }

    static RequestedAccess from(TenantSettings settings) {
        return new RequestedAccess(settings.get(SCOPE).map(String::trim), settings.get(AUDIENCE).map(String::trim));
    }

    /** §4.4: the client credentials grant asks for the scope and audience configured. */
    void addToGrant(Form form) {
        scope.ifPresent(s -> form.param("scope", s));
        audience.ifPresent(a -> form.param("audience", a));
    }

    /** §6: a refresh may repeat the scope (never wider than the original grant). */
    void addToRefresh(Form form) {
        scope.ifPresent(s -> form.param("scope", s));
    }
}
