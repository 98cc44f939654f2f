package dev.tollgate.demo.shop;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.CredentialsUnverifiedException;
import dev.tollgate.api.InvalidTenantValuesException;
import dev.tollgate.api.TenantCredentials;
import dev.tollgate.api.TenantDirectory;
import dev.tollgate.api.TollgateException;
import dev.tollgate.api.runtime.TenantContext;
import dev.tollgate.demo.clients.CallOutcome;
import dev.tollgate.demo.clients.TaxJarApi;
import dev.tollgate.engine.cdi.EngineBean;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Merchants onboarding themselves the way TaxJar's integration guide asks: the merchant pastes
 * the API token they generated at TaxJar, Tollgate proves it with TaxJar and stores it encrypted
 * (the demo's {@code taxjar} client keeps its tenants in the database), and the merchant's calls
 * work at once. Every outcome is a {@link Flash} for the page; none repeats the token.
 */
@RequestScoped
public class Onboarding {

    /** The demo's TaxJar client ({@code tollgate.taxjar.tenant-store=database}). */
    static final String CLIENT = "taxjar";
    /** The merchant's own value: their TaxJar API token. */
    static final String API_TOKEN = "api-token";

    private static final Logger LOG = Logger.getLogger(Onboarding.class.getName());

    @Inject TenantDirectory directory;
    @Inject @RestClient TaxJarApi taxJar;
    @Inject EngineBean tollgate;

    /** Verifies and stores the merchant's API token, then makes the merchant's first call. */
    Flash save(String merchant, String apiToken) {
        List<String> missing = new ArrayList<>();
        if (apiToken.isEmpty()) {
            missing.add("Enter the merchant's TaxJar API token.");
        }
        if (merchant.isEmpty()) {
            missing.add("Enter a name for the merchant.");
        }
        if (!missing.isEmpty()) {
            return Flash.failure(merchant, "The merchant was not saved.", missing);
        }
        try {
            directory.client(CLIENT).save(merchant, Map.of(API_TOKEN, apiToken));
        } catch (InvalidTenantValuesException e) {
            return Flash.failure(merchant, "The merchant was not saved: check what you entered.", e.problems());
        } catch (CredentialsRejectedException e) {
            return Flash.failure(merchant, "TaxJar refused this API token. Nothing was stored.", List.of(
                    vendorSays(e.vendorDetail()),
                    "Copy the token again from your TaxJar account (Account, API Access), or generate a new one there."));
        } catch (CredentialsUnverifiedException e) {
            return Flash.failure(merchant, unverifiedHeadline(e.reason()), List.of(vendorSays(e.vendorDetail())));
        } catch (TollgateException e) {
            // Tollgate's messages name the client, tenant and what to do, never a secret
            return Flash.failure(merchant, "The merchant was not saved.", List.of(e.getMessage()));
        } catch (RuntimeException e) {
            // not Tollgate's: its message is not known to be free of the token, so only its class is told
            LOG.warning("saving a TaxJar merchant failed: " + e.getClass().getName());
            return Flash.failure(merchant, "The merchant was not saved: an unexpected " + e.getClass().getSimpleName()
                    + " (see the server log).", List.of());
        }
        CallOutcome first = CallOutcome.attempt("TaxJar", CLIENT, merchant, taxJar::categories);
        return Flash.success("Saved " + merchant + ": TaxJar accepted the API token, and it is stored encrypted.",
                "Its first call, GET categories: " + (first.ok() ? "OK, " + first.answer() : "failed: " + first.error()));
    }

    /** Removes an onboarded merchant: its token is deleted and its calls fail before anything is sent. */
    Flash remove(String merchant) {
        try {
            if (directory.client(CLIENT).remove(merchant)) {
                return Flash.success("Removed " + merchant + ": its API token is deleted, and calls for it now fail before anything is sent.");
            }
            // a name no merchant can have is not repeated: a tampered form may carry anything, a token or a megabyte
            return Flash.failure("", TenantContext.isValidName(merchant) ? "No onboarded merchant is named " + merchant + "."
                    : "No onboarded merchant has that name.", List.of());
        } catch (TollgateException e) {
            return Flash.failure("", "The merchant was not removed.", List.of(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warning("removing a TaxJar merchant failed: " + e.getClass().getName());
            return Flash.failure("", "The merchant was not removed: an unexpected " + e.getClass().getSimpleName()
                    + " (see the server log).", List.of());
        }
    }

    /** The client's merchants; each onboarded one with its masked token and a call made for it now. */
    MerchantList merchants() {
        try {
            TenantCredentials taxjar = directory.client(CLIENT);
            // those the server's configuration defines; the others listed are stored
            Set<String> configured = tollgate.engine().tenants(CLIENT);
            List<OnboardedMerchant> onboarded = new ArrayList<>();
            for (String name : new TreeSet<>(taxjar.list())) {
                Map<String, String> masked = configured.contains(name) ? Map.of() : taxjar.masked(name);
                if (!masked.isEmpty()) { // empty: removed since it was listed
                    onboarded.add(new OnboardedMerchant(name, masked.getOrDefault(API_TOKEN, ""),
                            CallOutcome.attempt("TaxJar", CLIENT, name, taxJar::categories)));
                }
            }
            return new MerchantList(List.copyOf(configured), onboarded, null);
        } catch (TollgateException e) {
            return MerchantList.unreadable(e.getMessage());
        }
    }

    private static String vendorSays(Optional<String> detail) {
        return detail.map(d -> "TaxJar says: " + d).orElse("TaxJar gave no explanation.");
    }

    private static String unverifiedHeadline(CredentialsUnverifiedException.Reason reason) {
        return switch (reason) {
            case ACCOUNT_PROBLEM -> "TaxJar knows this API token but not for use now: the account needs attention at TaxJar. Nothing was stored.";
            case VENDOR_UNAVAILABLE -> "TaxJar could not be reached to check the API token. Nothing was stored: try again in a moment.";
        };
    }
}
