package dev.rill.wire;

/**
 * A well-formed Range header in a unit this server does not implement (SMPTE or clock time,
 * RFC 2326 §3.5, §3.7), as opposed to a malformed one. A server answers it with 501 Not
 * Implemented, and a plain {@link IllegalArgumentException} from {@link NptRange#parse} with 457
 * Invalid Range.
 */
public final class UnsupportedRangeException extends IllegalArgumentException {

    private final String unit;

    public UnsupportedRangeException(String unit) {
        super("range unit '" + unit + "' is not supported, only npt");
        this.unit = unit;
    }

    /** The unit as sent, e.g. {@code smpte} or {@code clock}. */
    public String unit() {
        return unit;
    }
}
