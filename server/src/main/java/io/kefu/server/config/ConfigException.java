package io.kefu.server.config;

/**
 * A setting is missing, malformed or out of range. The message names the setting and says what is
 * allowed, so an operator can fix it without reading code; it never repeats a secret's value.
 */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
