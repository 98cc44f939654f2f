package dev.tollgate.demo.shop;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/** A control panel that answers as a test says and records what it was asked. */
class FakeControlPanel extends ControlPanel {

    final List<String> asked = new ArrayList<>();
    URI installRedirect = URI.create("http://127.0.0.1:8080/backoffice/api/bigcommerce/auth?code=c0de&scope=s&context=stores%2Fnew1store&account_uuid=u");
    /** What the app's uninstall callback answered; runs when the uninstall is asked (the app removes the store there). */
    IntSupplier uninstallCallback = () -> 200;

    @Override
    boolean available() {
        return true;
    }

    @Override
    URI installOnNewStore() {
        asked.add("install");
        return installRedirect;
    }

    @Override
    int uninstall(String storeHash) {
        asked.add("uninstall " + storeHash);
        return uninstallCallback.getAsInt();
    }
}
