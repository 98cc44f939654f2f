package dev.tollgate.demo.it.wars;

import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.simulator.taxjar.TaxJarAccounts;
import dev.tollgate.testkit.simulator.taxjar.TaxJarSimulator;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * TaxJar (the test kit's simulator, its standard sandbox merchants) as a web module of its own, at
 * {@code /it-taxjar/taxjar/sandbox/v2}, with {@code /it-taxjar/journal}: what it received, so that a
 * test can tell that a call sent nothing.
 */
@ApplicationPath("/")
public class TaxJarVendorApplication extends Application {

    private final Set<Object> resources;

    public TaxJarVendorApplication() {
        TaxJarAccounts accounts = TaxJarAccounts.standard();
        RequestJournal journal = new RequestJournal();
        resources = Set.of(new TaxJarSimulator(accounts, journal), new VendorJournal(journal, accounts));
    }

    @Override
    @SuppressWarnings("deprecation") // singletons: the journal must outlive a request
    public Set<Object> getSingletons() {
        return resources;
    }
}
