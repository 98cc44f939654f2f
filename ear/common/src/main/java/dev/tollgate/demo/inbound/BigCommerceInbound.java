package dev.tollgate.demo.inbound;

import dev.tollgate.provider.bigcommerce.inbound.BigCommerceAuthenticationMechanism;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns on BigCommerce's inbound authentication: callbacks need BigCommerce's signed payload,
 * Tax Provider calls its Basic credentials; the paths come from
 * {@code tollgate.bigcommerce.callback-paths} and {@code tax-provider-paths}, and every other
 * request passes untouched. It lives in the EAR's lib/ on purpose: the servers' Jakarta Security
 * (Soteria) installs an application's mechanism in front of EVERY web module of the EAR, so each
 * module must be able to see the bean, even those with nothing to protect.
 */
@ApplicationScoped
public class BigCommerceInbound extends BigCommerceAuthenticationMechanism {

    public BigCommerceInbound() {
        super("bigcommerce");
    }
}
