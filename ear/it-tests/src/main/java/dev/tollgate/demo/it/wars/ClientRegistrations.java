package dev.tollgate.demo.it.wars;

import dev.tollgate.testkit.simulator.oauth2.OAuth2Clients;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Clients.AuthMethod;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Set;

/**
 * The authorization server's administration of {@code private_key_jwt} clients: an administrator
 * registers a client by uploading its certificate (PEM), as in Keycloak's or Okta's console, and
 * the server then verifies the client's assertions with the certificate's public key. The client
 * never hands over its private key, and nothing here reads the client's files: what the server
 * knows is what was uploaded.
 * <p>
 * {@code PUT clients/{client_id}} with {@code Content-Type: application/pem-certificate-chain}:
 * 204 once registered (again: the new certificate replaces the old one, a key rotation), 400 for a
 * body that is not a PEM X.509 certificate, 409 for a client id taken by a client that
 * authenticates another way (a secret's client cannot be turned into a key's by anyone who can
 * reach this endpoint).
 */
@Path("clients/{clientId}")
public class ClientRegistrations {

    static final String PEM_CERTIFICATE_CHAIN = "application/pem-certificate-chain";

    private final OAuth2Clients clients;

    ClientRegistrations(OAuth2Clients clients) {
        this.clients = clients;
    }

    @PUT
    @Consumes(PEM_CERTIFICATE_CHAIN)
    public Response register(@PathParam("clientId") String clientId, String pem) {
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | ClassCastException e) {
            return plain(400, "the body is not a PEM X.509 certificate");
        }
        if (clients.find(clientId).filter(c -> c.authMethod() != AuthMethod.PRIVATE_KEY_JWT).isPresent()) {
            return plain(409, "the client " + clientId + " authenticates with another method");
        }
        // no secret: the client proves itself with assertions only; tokens of an hour, no refresh
        // tokens (client_credentials needs none), all scopes when none is asked for
        clients.add(new OAuth2Clients.Client(clientId, null, AuthMethod.PRIVATE_KEY_JWT, Set.of("resource:read"),
                Duration.ofHours(1), false, false), new OAuth2Clients.AssertionKey(certificate.getPublicKey(), null, Set.of()));
        return Response.noContent().build();
    }

    private static Response plain(int status, String message) {
        return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE).entity(message).build();
    }
}
