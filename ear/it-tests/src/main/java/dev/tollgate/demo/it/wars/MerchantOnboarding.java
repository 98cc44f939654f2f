package dev.tollgate.demo.it.wars;

import dev.tollgate.api.Tollgate;
import jakarta.ejb.Stateless;
import java.util.Map;

/**
 * Onboarding code as applications write it: a stateless session bean, whose methods run in a
 * container transaction (REQUIRED, the default), saves and removes merchants through Tollgate.
 */
@Stateless
public class MerchantOnboarding {

    public void save(String merchant, String token) {
        Tollgate.tenants("onboarded").save(merchant, Map.of("api-token", token));
    }

    /** Saves, then fails: the container rolls the caller's transaction back. */
    public void saveThenFail(String merchant, String token) {
        save(merchant, token);
        throw new IllegalStateException("the merchant's other records could not be written");
    }

    public boolean remove(String merchant) {
        return Tollgate.tenants("onboarded").remove(merchant);
    }

    /** Removes, then fails: the container rolls the caller's transaction back. */
    public void removeThenFail(String merchant) {
        remove(merchant);
        throw new IllegalStateException("the merchant's other records could not be deleted");
    }
}
