package dev.tollgate.provider.taxizer;

import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.OutgoingRequest;
import dev.tollgate.spi.TenantSettings;
import java.util.List;
import java.util.Optional;

/** Every request but the two auth endpoints carries the app's JWT as a Bearer token. */
final class TaxizerProtocol implements ClientProtocol {

    private final List<CredentialSource> jwt = List.of(new SessionSource());

    @Override
    public List<CredentialSource> credentialsFor(OutgoingRequest request) {
        return request.relativePath().startsWith("v1/Auth/") ? List.of() : jwt;
    }

    @Override
    public List<CredentialSource> sources() {
        return jwt;
    }

    @Override
    public Optional<String> errorDetail(int status, String body) {
        return TaxizerMessage.parse(body);
    }

    @Override
    public String rejectionAdvice(TenantSettings settings) {
        return "Check " + settings.keyName(SessionSource.CLIENT_ID) + " and " + settings.keyName(SessionSource.CLIENT_SECRET)
                + " (Taxizer answers 400 to a wrong client id or secret).";
    }
}
