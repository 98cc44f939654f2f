package dev.tollgate.engine;

/**
 * Proves a tenant's candidate credentials with the vendor before they are stored, the way the
 * provider's {@link dev.tollgate.spi.ClientProtocol#verification} says.
 */
final class CredentialVerifier {

    /**
     * @throws dev.tollgate.api.CredentialsRejectedException the vendor refused the credentials
     * @throws dev.tollgate.api.CredentialsUnverifiedException the vendor could not confirm them
     */
    void verify(BoundClient client, ConfiguredSettings candidate) {
        throw new UnsupportedOperationException("skeleton: not built yet");
    }
}
