package dev.tollgate.provider.bigcommerce.inbound;

import java.util.Optional;

/**
 * What a verified {@code signed_payload_jwt} of an app callback (load, uninstall, remove_user)
 * says: which store, which user, the store owner, and the URL and channel the control panel was on.
 */
public record SignedPayload(String storeHash, Optional<String> tenant, Person user, Person owner, String url,
                            Optional<Long> channelId) {

    /** A user or owner: BigCommerce id, email, and locale where given. */
    public record Person(long id, String email, Optional<String> locale) {
    }
}
