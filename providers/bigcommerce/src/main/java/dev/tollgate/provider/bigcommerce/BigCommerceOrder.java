package dev.tollgate.provider.bigcommerce;

/**
 * Names the order a payments call is for: {@code request.property(BigCommerceOrder.PROPERTY, orderId)}.
 * Tollgate creates a payment access token for that order and that call only.
 */
public final class BigCommerceOrder {

    /** The request property holding the order id (a number). */
    public static final String PROPERTY = "tollgate.bigcommerce.order-id";

    private BigCommerceOrder() {
    }
}
