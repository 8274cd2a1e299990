package dev.rill.client;

import dev.rill.spi.RtspResponse;
import dev.rill.spi.RtspStatus;
import java.io.IOException;

/** A server's non-2xx answer to a request, as an exception whose message a person can act on. */
final class Refusal extends IOException {

    private final RtspStatus status;

    private Refusal(String method, RtspStatus status) {
        super("the server refused " + method + ": " + status.code() + " " + status.reason() + hint(status));
        this.status = status;
    }

    /** {@code response} when it is a success; else throws a Refusal naming {@code method}. */
    static RtspResponse check(String method, RtspResponse response) throws Refusal {
        if (!response.status().isSuccess()) {
            throw new Refusal(method, response.status());
        }
        return response;
    }

    RtspStatus status() {
        return status;
    }

    private static String hint(RtspStatus status) {
        return switch (status.code()) {
            case 401 -> " (the server wants a password; this player does not do authentication)";
            case 404 -> " (no such video on this server: check the path)";
            case 454 -> " (the server forgot the session: press Play to start again)";
            case 461 -> " (the server does not offer that transport)";
            default -> "";
        };
    }
}
