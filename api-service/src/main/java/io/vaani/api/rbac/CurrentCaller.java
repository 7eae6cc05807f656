package io.vaani.api.rbac;

import jakarta.enterprise.context.RequestScoped;

/** Holds this request's {@link Grant}; resources read it once, at the start of the method, and pass the record on. */
@RequestScoped
public class CurrentCaller {
    private Grant grant;

    void set(Grant grant) {
        this.grant = grant;
    }

    public Grant get() {
        if (grant == null) {
            throw new IllegalStateException("no caller: the endpoint lacks @Requires");
        }
        return grant;
    }
}
