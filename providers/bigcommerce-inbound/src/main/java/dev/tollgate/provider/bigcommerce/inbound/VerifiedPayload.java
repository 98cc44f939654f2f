package dev.tollgate.provider.bigcommerce.inbound;

/**
 * A request's signed payload as {@link BigCommerceAuthenticationMechanism} verified it, and for
 * which client: the request attribute {@link BigCommerceAuthenticationMechanism#VERIFIED_ATTRIBUTE}.
 * Only this package makes one, so an attribute an application set cannot pass for it; the
 * callbacks resource uses it instead of verifying the payload again, which its {@code jti} would refuse.
 */
record VerifiedPayload(String client, SignedPayload payload) {

    /** The payload, when {@code attribute} is one verified for {@code client}. */
    static java.util.Optional<SignedPayload> of(Object attribute, String client) {
        return attribute instanceof VerifiedPayload v && v.client().equals(client)
                ? java.util.Optional.of(v.payload()) : java.util.Optional.empty();
    }
}
