package dev.tollgate.engine;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.Refuser;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.TokenEndpointException;
import java.net.URI;
import java.util.List;

/**
 * The refusals the engine reports, each saying who refused what: a token endpoint (its URL) that
 * refused what was sent to obtain a credential, or the API (its origin) that refused the credentials
 * a request carried. Who refused tells which keys to check, so the two never read alike.
 */
final class Refusals {

    private Refusals() {
    }

    /** A token endpoint refused the request for {@code source}'s credential. */
    static CredentialsRejectedException byTokenEndpoint(ClientRef where, TokenEndpointException refusal, CredentialSource source,
                                                        String detail, String advice) {
        return new CredentialsRejectedException(where, Refuser.tokenEndpoint(refusal.endpoint().orElse(null)),
                "credentials sent for the " + source.name(), refusal.status(), detail, advice);
    }

    /** The API answering {@code request} refused the credentials named (the sources' names). */
    static CredentialsRejectedException byApi(ClientRef where, URI request, List<String> credentials, int status, String detail,
                                              String advice) {
        return new CredentialsRejectedException(where, Refuser.api(request), joined(credentials), status, detail, advice);
    }

    /** {@code api-token}; {@code access-token and customer-token}; {@code a, b and c}. */
    static String joined(List<String> names) {
        if (names.size() <= 1) {
            return names.isEmpty() ? "credentials" : names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
