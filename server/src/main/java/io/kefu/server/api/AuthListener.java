package io.kefu.server.api;

/**
 * What the API tells statistics about staff logins and buyer tokens. The API owns this interface so it
 * never depends on {@code stats}. Called on event loops and on the store and auth executors: thread-safe,
 * cheap and never blocking. Does nothing by default.
 */
public interface AuthListener {
    /** Hears nothing. */
    AuthListener NOOP = new AuthListener() {
    };

    /** Why a staff login was refused. Every one gets the same answer; only the server tells them apart. */
    enum LoginFailure {
        /** The account exists; the password does not match. */
        BAD_PASSWORD,
        /** No such username in that shop (or no such shop). */
        UNKNOWN_USER,
        /** Too many failures in a row from this address: refused before any password was checked. */
        LOCKED
    }

    default void staffLoggedIn() {
    }

    default void staffLoginFailed(LoginFailure reason) {
    }

    default void buyerTokenMinted() {
    }
}
