package dev.tollgate.engine;

import dev.tollgate.spi.Credential;
import dev.tollgate.spi.CredentialSource;

/**
 * The credentials of the same client and tenant that a fetch may need (Elastic Path's shopper
 * login needs the store's Bearer token), served from the cache under its single flight.
 */
interface Dependencies {

    /** The dependency's credential, cached or fetched. */
    Credential get(CredentialSource dependency);

    /**
     * Drops {@code refused} from the cache unless another call has already replaced it
     * (compare-and-invalidate, as for a 401 on an API call).
     */
    void invalidate(CredentialSource dependency, Credential refused);
}
