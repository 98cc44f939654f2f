package dev.tollgate.demo.sandbox;

import dev.tollgate.testkit.simulator.bigcommerce.BigCommerceSimulator;
import jakarta.ws.rs.Path;

/**
 * BigCommerce's three hosts under one prefix each: {@code /bigcommerce/api} (api.bigcommerce.com),
 * {@code /bigcommerce/payments} (payments.bigcommerce.com) and {@code /bigcommerce/storefront}
 * (the store's own domain). On the unit tests' loopback servers the simulator owns the root of
 * three servers; here one simulator answers all three prefixes, so a storefront token created
 * through the API host works on the storefront host, as at BigCommerce.
 */
@Path("/bigcommerce")
public class SandboxBigCommerce {

    private final BigCommerceSimulator simulator;

    SandboxBigCommerce(BigCommerceSimulator simulator) {
        this.simulator = simulator;
    }

    @Path("{host: api|payments|storefront}")
    public BigCommerceSimulator host() {
        return simulator;
    }
}
