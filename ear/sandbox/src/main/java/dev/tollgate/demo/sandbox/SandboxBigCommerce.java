package dev.tollgate.demo.sandbox;

import dev.tollgate.testkit.simulator.bigcommerce.BigCommerceSimulator;
import jakarta.ws.rs.Path;

/**
 * BigCommerce's four hosts under one prefix each: {@code /bigcommerce/api} (api.bigcommerce.com),
 * {@code /bigcommerce/payments} (payments.bigcommerce.com), {@code /bigcommerce/storefront}
 * (the store's own domain) and {@code /bigcommerce/login} (login.bigcommerce.com, where an app
 * exchanges an install's code: {@code POST /bigcommerce/login/oauth2/token}). On the unit tests'
 * loopback servers the simulator owns the root of a server per host; here one simulator answers
 * all four prefixes, so a storefront token created through the API host works on the storefront
 * host, and a token issued by the login host works on the API host, as at BigCommerce.
 */
@Path("/bigcommerce")
public class SandboxBigCommerce {

    private final BigCommerceSimulator simulator;

    SandboxBigCommerce(BigCommerceSimulator simulator) {
        this.simulator = simulator;
    }

    @Path("{host: api|payments|storefront|login}")
    public BigCommerceSimulator host() {
        return simulator;
    }
}
