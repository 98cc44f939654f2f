package dev.tollgate.demo.shop;

import java.util.List;

/**
 * The TaxJar client's merchants: those the administrator configured (not changed by the page)
 * and those onboarded through the page.
 *
 * @param problem why the list could not be read (the tenant store unreachable); null when it was
 */
record MerchantList(List<String> configured, List<OnboardedMerchant> onboarded, String problem) {

    MerchantList {
        configured = List.copyOf(configured);
        onboarded = List.copyOf(onboarded);
    }

    static MerchantList unreadable(String problem) {
        return new MerchantList(List.of(), List.of(), problem);
    }
}
