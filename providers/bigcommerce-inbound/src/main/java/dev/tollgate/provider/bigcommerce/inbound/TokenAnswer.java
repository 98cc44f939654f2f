package dev.tollgate.provider.bigcommerce.inbound;

import dev.tollgate.spi.Secret;
import java.util.Optional;

/**
 * BigCommerce's answer to a code exchange: the store's permanent token and what the answer says
 * of the install. The token is a {@link Secret}: it never shows in a message.
 */
record TokenAnswer(Secret accessToken, String context, String scope, InstalledStore.AppUser user,
                   InstalledStore.AppUser owner, Optional<String> accountUuid) {
}
