package dev.quiver.interop;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@code quiver serve} for all tests of a class: started before the first, stopped by pid after
 * the last, also when a test fails. {@code @RegisterExtension static final SharedServe SERVE = new SharedServe();}
 */
final class SharedServe implements BeforeAllCallback, AfterAllCallback {

    private ServeProcess server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = new ServeProcess();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    /** The running server. */
    ServeProcess get() {
        return server;
    }
}
