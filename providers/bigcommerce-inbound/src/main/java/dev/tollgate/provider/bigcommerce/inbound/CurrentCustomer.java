package dev.tollgate.provider.bigcommerce.inbound;

import java.util.Optional;

/** What a verified Current Customer JWT says: the store and the logged-in customer. */
public record CurrentCustomer(String storeHash, Optional<String> tenant, long customerId, String email, long groupId) {
}
