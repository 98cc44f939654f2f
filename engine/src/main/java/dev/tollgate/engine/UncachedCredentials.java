package dev.tollgate.engine;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.CredentialsUnverifiedException;
import dev.tollgate.api.TokenAcquisitionException;
import dev.tollgate.api.TollgateException;
import dev.tollgate.engine.observe.CredentialId;
import dev.tollgate.spi.Credential;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TokenEndpointException;
import jakarta.ws.rs.ProcessingException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The credentials of a tenant that is not stored yet, obtained straight from their sources for one
 * verification: nothing goes through the cache (an unsaved tenant must leave nothing behind), each
 * token request is made once, and a refusal or failure is told apart the way a person saving the
 * tenant needs it. Credentials that ask to be revoked at shutdown are revoked by {@link #close()},
 * once the verification is over.
 */
final class UncachedCredentials implements Dependencies, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(UncachedCredentials.class.getName());

    private final BoundClient client;
    private final ConfiguredSettings candidate;
    private final Clock clock;
    private final Deadline deadline;
    /** Per cache key: a dependency obtained once serves every credential obtained with it. */
    private final Map<String, Obtained> obtained = new LinkedHashMap<>();

    private record Obtained(CredentialSource source, Credential credential) {
    }

    UncachedCredentials(BoundClient client, ConfiguredSettings candidate, Clock clock, Deadline deadline) {
        this.client = client;
        this.candidate = candidate;
        this.clock = clock;
        this.deadline = deadline;
    }

    @Override
    public synchronized Credential get(CredentialSource source) {
        Obtained known = obtained.get(source.cacheKey());
        if (known != null) {
            return known.credential();
        }
        Credential credential = obtain(source);
        obtained.put(source.cacheKey(), new Obtained(source, credential));
        return credential;
    }

    /** The vendor refused a dependency: the next {@link #get} asks for a new one. */
    @Override
    public synchronized void invalidate(CredentialSource dependency, Credential refused) {
        Obtained known = obtained.get(dependency.cacheKey());
        if (known != null && known.credential() == refused) {
            obtained.remove(dependency.cacheKey());
        }
    }

    /** Every secret obtained so far: a vendor's answer is cleaned of them. */
    synchronized List<Secret> secrets() {
        List<Secret> all = new ArrayList<>();
        for (Obtained o : obtained.values()) {
            all.add(o.credential().value());
            o.credential().refreshToken().ifPresent(all::add);
        }
        return all;
    }

    private Credential obtain(CredentialSource source) {
        EngineTokenContext context = new EngineTokenContext(candidate, clock, this, deadline.left());
        try (context) {
            Credential credential = source.obtain(context);
            counted(context, source, true);
            return credential;
        } catch (TokenEndpointException e) {
            counted(context, source, false);
            throw mapped(source, e);
        } catch (TollgateException e) {
            counted(context, source, false);
            throw e;
        } catch (ProcessingException e) {
            counted(context, source, false);
            throw mapped(source, TokenEndpointException.unreachable(e));
        } catch (RuntimeException e) {
            counted(context, source, false);
            // not chained: a provider's own exception message may quote a response body
            throw new TokenAcquisitionException(candidate.ref(), "the provider failed to obtain the " + source.name()
                    + " (" + e.getClass().getName() + "); nothing was stored", null);
        }
    }

    /** A token request the verification sent counts like any other: the vendor counts it too. */
    private void counted(EngineTokenContext context, CredentialSource source, boolean succeeded) {
        if (context.sentRequest()) {
            ClientRef ref = candidate.ref();
            client.events().tokenRequest(new CredentialId(ref.client(), ref.tenant().orElse(""), source.name(),
                    ref.provider().orElse("")), succeeded);
        }
    }

    /** A refusal is the tenant's to fix; anything else means the vendor could not say. */
    private TollgateException mapped(CredentialSource source, TokenEndpointException e) {
        String detail = e.vendorDetail().map(d -> VerificationAnswer.withoutSecrets(d, candidate, client, secrets()))
                .orElse(null);
        if (e.kind() == TokenEndpointException.Kind.REJECTED) {
            return new CredentialsRejectedException(candidate.ref(), e.status(), detail,
                    source.rejectionAdvice(candidate).orElseGet(() -> client.protocol().rejectionAdvice(candidate))
                            + " Nothing was stored.");
        }
        String what = e.status() != 0 ? "the token endpoint answered HTTP " + e.status()
                : e.getMessage(); // unreachable or unusable: the message says which, and holds no body
        return new CredentialsUnverifiedException(candidate.ref(), CredentialsUnverifiedException.Reason.VENDOR_UNAVAILABLE,
                detail, "could not verify the " + source.name() + " with the vendor: " + what, null);
    }

    /**
     * Revokes what the vendor wants revoked once it is no longer used (as the engine does at
     * shutdown), with the configured timeouts; failures are only logged. Called after the
     * verification's answer is given, so a slow revocation never holds the caller.
     */
    @Override
    public synchronized void close() {
        for (Obtained o : List.copyOf(obtained.values())) {
            if (!o.source().revokesOnShutdown(candidate)) {
                continue;
            }
            try (EngineTokenContext context = new EngineTokenContext(candidate, clock, this, null)) {
                o.source().revoke(context, o.credential());
            } catch (RuntimeException e) {
                LOG.fine(() -> candidate.ref().describe() + ": revoking the " + o.source().name()
                        + " obtained for the verification failed (" + e.getClass().getName() + ")");
            }
        }
        obtained.clear();
    }
}
