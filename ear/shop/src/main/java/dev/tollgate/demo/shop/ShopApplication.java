package dev.tollgate.demo.shop;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The shop: the demo page at {@code /shop/}, its data as JSON at {@code /shop/api/calls} and {@code /shop/api/cache}. */
@ApplicationPath("/")
public class ShopApplication extends Application {
}
