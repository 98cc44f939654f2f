package dev.tollgate.demo.shop;

import dev.tollgate.demo.clients.CallOutcome;

/**
 * A merchant saved through the page, as the page shows it.
 *
 * @param maskedToken the API token as {@code TenantCredentials.masked} gives it: its last four characters
 * @param call        a TaxJar call made for the merchant while the page was built
 */
record OnboardedMerchant(String name, String maskedToken, CallOutcome call) {
}
