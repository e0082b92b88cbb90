package io.kefu.server;

/**
 * The server cannot start where it was told to (the port is taken, the address is not this machine's).
 * The message is one line an operator can act on and names the setting to change; {@link Main} prints it
 * and exits with {@link Main#EXIT_CANNOT_START}. The cause is kept for the log.
 */
public final class StartupException extends RuntimeException {

    public StartupException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
