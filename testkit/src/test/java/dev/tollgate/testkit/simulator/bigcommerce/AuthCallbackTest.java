package dev.tollgate.testkit.simulator.bigcommerce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The auth callback URL the merchant's browser is sent to, as an app's server decodes it. */
class AuthCallbackTest {

    final AuthCallback callback = new AuthCallback("qr6h3thvbvag2ffq", "store_v2_orders store_v2_products", "stores/g5cd38",
            "c7f0a1c2-0000-4000-8000-00000000beef");

    @Test
    void theParametersAreAppendedPercentEncoded() {
        URI url = callback.at(URI.create("https://app.example.com/bigcommerce/auth"));
        assertEquals("https://app.example.com/bigcommerce/auth?code=qr6h3thvbvag2ffq&scope=store_v2_orders%20store_v2_products"
                + "&context=stores%2Fg5cd38&account_uuid=c7f0a1c2-0000-4000-8000-00000000beef", url.toString());
        assertEquals("code=qr6h3thvbvag2ffq&scope=store_v2_orders store_v2_products&context=stores/g5cd38"
                + "&account_uuid=c7f0a1c2-0000-4000-8000-00000000beef", url.getQuery());
    }

    @Test
    void aQueryTheUrlAlreadyHasIsKept() {
        URI url = callback.at(URI.create("http://127.0.0.1:8080/shop/bc/auth?tenant=x"));
        assertEquals("tenant=x&code=qr6h3thvbvag2ffq&scope=store_v2_orders store_v2_products&context=stores/g5cd38"
                + "&account_uuid=c7f0a1c2-0000-4000-8000-00000000beef", url.getQuery());
    }

    @Test
    void aRedirectUriWithAFragmentIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> callback.at(URI.create("https://app.example.com/auth#x")));
    }

    @Test
    void theCodeStaysOutOfItsText() {
        assertFalse(callback.toString().contains(callback.code()));
    }
}
