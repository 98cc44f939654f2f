package dev.tollgate.engine;

import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * A client's TLS context as the engine hands it out ({@code Tollgate.sslContext}, the Rest Client
 * listener) and uses it itself: every use goes to the context made from the client's keys, but
 * {@code init} is refused. {@link SSLContext#init} may be called again on an initialised
 * context, and would then change, for every call made for the client (the engine's token
 * requests among them), which certificate it presents and which servers it trusts.
 */
final class SealedSslContext extends SSLContext {

    private SealedSslContext(SSLContext context, String client) {
        super(new Delegating(context, client), context.getProvider(), context.getProtocol());
    }

    /** {@code initialised}, sealed; {@code client} names the client in the refusal. */
    static SSLContext of(SSLContext initialised, String client) {
        return new SealedSslContext(initialised, client);
    }

    private static final class Delegating extends SSLContextSpi {

        private final SSLContext context;
        private final String client;

        Delegating(SSLContext context, String client) {
            this.context = context;
            this.client = client;
        }

        @Override
        protected void engineInit(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random) {
            throw new IllegalStateException("the TLS context of client '" + client + "' is made from its tls-* keys and"
                    + " used by every call made for it, Tollgate's own included: it cannot be initialised again."
                    + " Change the client's keys, or build an SSLContext of your own.");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return context.getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return context.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return context.createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return context.createSSLEngine(host, port);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return context.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return context.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return context.getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return context.getSupportedSSLParameters();
        }
    }
}
