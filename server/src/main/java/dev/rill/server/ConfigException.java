package dev.rill.server;

/** A configuration that cannot be used; the message names the file, the key and what was expected. */
final class ConfigException extends Exception {
    ConfigException(String message) {
        super(message);
    }

    ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
