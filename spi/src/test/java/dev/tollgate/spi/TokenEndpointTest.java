package dev.tollgate.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.simulator.FloodingBody;
import dev.tollgate.testkit.log.SecretScan;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a token endpoint's answer is classified, and what of it reaches a message. */
class TokenEndpointTest {

    /** A careless authorization server that quotes the request back in its errors. */
    @Path("token")
    public static class Echoing {
        @POST
        public Response token(String body) {
            return Response.status(400).entity("{\"error\":\"invalid_grant\",\"error_description\":\"bad request: " + body + "\"}")
                    .type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", "7").build();
        }
    }

    @Test
    void theSecretsARequestCarriedAreRemovedFromTheVendorsExplanation() {
        Secret refreshToken = Secret.of("rt-Zx8+pQ:r2 s/Kd%41");
        try (LoopbackServer server = LoopbackServer.serve(new Echoing())) {
            Client http = ClientBuilder.newClient();
            try {
                TokenEndpointException e = assertThrows(TokenEndpointException.class, () -> TokenEndpoint.send(
                        http.target(server.url("token")).request().build("POST",
                                Entity.form(new Form("refresh_token", refreshToken.reveal()))),
                        body -> Optional.of(body), refreshToken));
                assertEquals(TokenEndpointException.Kind.REJECTED, e.kind());
                assertEquals(400, e.status());
                assertEquals(Duration.ofSeconds(7), e.retryAfter().orElseThrow());
                String detail = e.vendorDetail().orElseThrow();
                assertFalse(detail.contains("Zx8"), detail);
                assertFalse(e.getMessage().contains("Zx8"), e.getMessage());
            } finally {
                http.close();
            }
        }
    }

    /** A server that repeats the request's body and Authorization header, after {@code filler} characters. */
    @Path("talkative")
    public static class Talkative {
        @POST
        public Response token(@QueryParam("filler") int filler, @HeaderParam("Authorization") String authorization,
                              String body) {
            return Response.status(401).entity("x".repeat(filler) + body + " (sent with " + authorization + ")")
                    .type(MediaType.TEXT_PLAIN_TYPE).build();
        }
    }

    private static TokenEndpointException refusedBy(LoopbackServer server, Invocation.Builder request, Entity<?> entity,
                                                    Secret... sent) {
        return assertThrows(TokenEndpointException.class,
                () -> TokenEndpoint.send(request.build("POST", entity), Optional::of, sent));
    }

    /**
     * A lying token endpoint's explanation with terminal escapes (ESC and the one-byte CSI clear
     * the screen, colour or rewrite what an operator's terminal shows: {@code run-demo.sh --status},
     * a tailed server log) and Unicode line breaks (NEL, LINE SEPARATOR: a forged log record in a
     * viewer that breaks there): none reaches the message, the readiness data or a WARNING.
     */
    @Test
    void noControlCharacterOrLineBreakOfTheVendorsExplanationReachesTheMessage() {
        try (LoopbackServer server = LoopbackServer.serve(new Talkative())) {
            Client http = ClientBuilder.newClient();
            try {
                TokenEndpointException e = refusedBy(server, http.target(server.url("talkative?filler=0")).request(),
                        Entity.entity("\u001b[2J\u001b[32mall good\u009b0m\u0085FINE: forged\u2028INFO: forged\u2029end\u0007",
                                MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")));
                for (String text : List.of(e.vendorDetail().orElseThrow(), e.getMessage())) {
                    assertFalse(text.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL
                            || Character.getType(c) == Character.LINE_SEPARATOR || Character.getType(c) == Character.PARAGRAPH_SEPARATOR),
                            text.codePoints().mapToObj(c -> String.format("%04x", c)).toList().toString());
                }
                assertTrue(e.vendorDetail().orElseThrow().contains("all good"), e.getMessage());
            } finally {
                http.close();
            }
        }
    }

    /**
     * A bidirectional override (U+202E) or an invisible character (U+200B) in a vendor's
     * explanation would make a message or log line read otherwise than it is: format characters
     * are cleaned as control characters are (as an authorization server's issuer name already was).
     */
    @Test
    void noFormatCharacterOfTheVendorsExplanationReachesTheMessage() {
        try (LoopbackServer server = LoopbackServer.serve(new Talkative())) {
            Client http = ClientBuilder.newClient();
            try {
                TokenEndpointException e = refusedBy(server, http.target(server.url("talkative?filler=0")).request(),
                        Entity.entity("client \u202Etneilc\u202C unknown\u200B here", MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")));
                for (String text : List.of(e.vendorDetail().orElseThrow(), e.getMessage())) {
                    assertFalse(text.codePoints().anyMatch(c -> Character.getType(c) == Character.FORMAT),
                            text.codePoints().mapToObj(c -> String.format("%04x", c)).toList().toString());
                }
                assertTrue(e.vendorDetail().orElseThrow().contains("unknown"), e.getMessage());
            } finally {
                http.close();
            }
        }
    }

    @Test
    void aSecretThatTheCutAt300CharactersWouldSplitIsRemovedWhole() {
        Secret secret = Secret.of("s9Dk3Lq7Mz1Xv5Bn8Wc2Rt6Yp0Hg4Jf7Ka3Ne9Ub5Io");
        try (LoopbackServer server = LoopbackServer.serve(new Talkative())) {
            Client http = ClientBuilder.newClient();
            try {
                // the body comes back after 270 characters: the 300-character cut falls inside the secret
                TokenEndpointException e = refusedBy(server, http.target(server.url("talkative?filler=270")).request(),
                        Entity.text(secret.reveal()), secret);
                assertTrue(e.vendorDetail().orElseThrow().startsWith("x".repeat(270) + "**** (sent with null)"), e.getMessage());
                assertFalse(SecretScan.containsAny(e.getMessage(), List.of(secret.reveal())), e.getMessage());
            } finally {
                http.close();
            }
        }
    }

    @Test
    void anEchoedBasicHeaderAndAJsonEscapedSecretAreRemoved() {
        Secret secret = Secret.of("p\"w/Qz8-Lm4\\Xv7Rt2Kd9");
        Secret basic = Secret.basic("client-7", secret);
        try (LoopbackServer server = LoopbackServer.serve(new Talkative())) {
            Client http = ClientBuilder.newClient();
            try {
                TokenEndpointException e = refusedBy(server, http.target(server.url("talkative")).request()
                        .header("Authorization", "Basic " + basic.reveal()), Entity.json(Map.of("clientSecret", secret.reveal())),
                        secret, basic);
                String detail = e.vendorDetail().orElseThrow();
                assertFalse(SecretScan.containsAny(detail, List.of(secret.reveal(), basic.reveal())), detail);
                assertEquals("{\"clientSecret\":\"****\"} (sent with Basic ****)", detail);
            } finally {
                http.close();
            }
        }
    }

    /** A server that quotes the request back with its spaces turned into tabs and line breaks. */
    @Path("retyping")
    public static class Retyping {
        @POST
        public Response token(String body) {
            return Response.status(401).entity("wrong password: " + body.replace(" ", "\t").replaceFirst("\t", "\r\n"))
                    .type(MediaType.TEXT_PLAIN_TYPE).build();
        }
    }

    /**
     * A passphrase (a shopper's password may well be one) echoed with tabs and a line break for its
     * spaces has no 8-character piece in common with it, so nothing was removed; the explanation
     * was then made one line, which turned it back into the passphrase.
     */
    @Test
    void aSecretWithSpacesEchoedWithOtherWhitespaceIsNotRebuiltByMakingTheMessageOneLine() {
        Secret passphrase = Secret.of("correct horse battery staple");
        try (LoopbackServer server = LoopbackServer.serve(new Retyping())) {
            Client http = ClientBuilder.newClient();
            try {
                TokenEndpointException e = refusedBy(server, http.target(server.url("retyping")).request(),
                        Entity.text(passphrase.reveal()), passphrase);
                assertFalse(e.getMessage().contains(passphrase.reveal()), e.getMessage());
                assertFalse(SecretScan.containsAny(e.getMessage(), List.of(passphrase.reveal())), e.getMessage());
            } finally {
                http.close();
            }
        }
    }

    @Test
    void everySpellingOfASentSecretAndEveryLongPieceOfOneIsRemoved() {
        Secret secret = Secret.of("a+b/c d=Zq81LmX4Ty");
        String form = "a%2Bb%2Fc+d%3DZq81LmX4Ty";
        assertEquals("form **** url **** lower **** json **** piece ****!",
                Redaction.redact("form " + form + " url " + form.replace("+", "%20") + " lower " + form.toLowerCase().replace("zq81lmx4ty", "Zq81LmX4Ty")
                        + " json " + secret.reveal().replace("/", "\\/") + " piece c d=Zq81L!", secret));
        assertEquals("a short one: **** stays gone, abc stays", Redaction.redact("a short one: abc12 stays gone, abc stays", Secret.of("abc12")));
        assertEquals("padding dropped: ****.", Redaction.redact("padding dropped: " + Secret.basic("idx", secret).reveal().replace("=", "") + ".",
                Secret.basic("idx", secret)));
        assertEquals("nothing to remove", Redaction.redact("nothing to remove", (Secret) null));
    }

    /** A token answer with a lifetime, as OAuth2 and Elastic Path send it. */
    public static class Lifetime {
        public Long expires_in;
    }

    /**
     * JSON numbers have no range: a lifetime of 2^64 + 3600 seconds, or of -2^64 + 3600 (a
     * negative one), is no lifetime a server means, yet it was read as one hour.
     */
    @Test
    void aNumberBeyondTheRangeOfALongIsAnUnusableAnswerNotWrappedAround() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);
        for (String lifetime : new String[] {"18446744073709555216", "-18446744073709548016", "\"18446744073709555216\""}) {
            assertThrows(TokenEndpointException.class,
                    () -> Expiry.in(clock, TokenEndpoint.json("{\"expires_in\": " + lifetime + "}", Lifetime.class).expires_in,
                            "expires_in"), lifetime);
        }
        assertEquals(3600L, TokenEndpoint.json("{\"expires_in\": 3600}", Lifetime.class).expires_in);
        assertEquals(3600L, TokenEndpoint.json("{\"expires_in\": \"3600\"}", Lifetime.class).expires_in);
        assertEquals(null, TokenEndpoint.json("{\"expires_in\": null}", Lifetime.class).expires_in);
    }

    /** A broken or hostile token endpoint that answers an error with a body of 64 MiB, counting what it got to send. */
    @Path("flood")
    public static class Flood {
        static final FloodingBody BODY = new FloodingBody(64L << 20);

        @POST
        public Response token() {
            return Response.status(401).entity(BODY).type(MediaType.TEXT_PLAIN_TYPE).build();
        }
    }

    /**
     * Only the first 64 KiB of an answer are used, so only they are read: the whole body was read
     * into memory first (a string of any size, or no end at all for a body that never ends).
     */
    @Test
    void anAnswerIsReadNoFurtherThanTheFirst64KiB() throws Exception {
        try (LoopbackServer server = LoopbackServer.serve(new Flood())) {
            Client http = ClientBuilder.newClient();
            try {
                TokenEndpointException e = refusedBy(server, http.target(server.url("flood")).request(), Entity.text(""));
                assertEquals(401, e.status());
                assertTrue(e.vendorDetail().orElseThrow().length() <= 301, "the explanation is cut as before");
            } finally {
                http.close();
            }
            assertTrue(Flood.BODY.awaitDone(Duration.ofSeconds(60)), "safety net: the server stops sending once the client has gone");
            assertTrue(Flood.BODY.sent() < Flood.BODY.size() / 4, "the client took " + Flood.BODY.sent() + " bytes of " + Flood.BODY.size());
        }
    }

    @Test
    void statusesAreClassifiedForTheEngine() {
        assertEquals(TokenEndpointException.Kind.UNAVAILABLE, TokenEndpointException.ofStatus(503, null, null).kind());
        assertEquals(TokenEndpointException.Kind.UNAVAILABLE, TokenEndpointException.ofStatus(429, null, null).kind());
        assertEquals(TokenEndpointException.Kind.UNAVAILABLE, TokenEndpointException.ofStatus(408, null, null).kind());
        assertEquals(TokenEndpointException.Kind.REJECTED, TokenEndpointException.ofStatus(401, null, null).kind());
        assertEquals(TokenEndpointException.Kind.REJECTED, TokenEndpointException.ofStatus(403, null, null).kind());
        assertEquals(TokenEndpointException.Kind.INVALID_RESPONSE, TokenEndpointException.ofStatus(404, null, null).kind());
    }

    @Test
    void retryAfterInSecondsIsReadAndAnythingElseIgnored() {
        assertEquals(Duration.ofSeconds(120), TokenEndpoint.retryAfter(" 120 "));
        assertEquals(null, TokenEndpoint.retryAfter("Wed, 21 Oct 2026 07:28:00 GMT"));
        assertEquals(null, TokenEndpoint.retryAfter("-3"));
        assertEquals(null, TokenEndpoint.retryAfter(null));
    }
}
