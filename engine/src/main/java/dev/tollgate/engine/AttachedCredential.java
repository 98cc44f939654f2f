package dev.tollgate.engine;

import dev.tollgate.spi.CredentialSource;
import java.net.URI;

/** A credential a request carried, remembered so that a 401 can invalidate exactly that one. */
record AttachedCredential(CredentialKey key, ConfiguredSettings settings, CredentialSource source, CachedCredential cached,
                          URI origin) {
}
