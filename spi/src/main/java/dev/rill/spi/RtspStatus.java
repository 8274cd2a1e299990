package dev.rill.spi;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An RTSP status code and its reason phrase (RFC 2326 §7.1.1). An open set: unknown codes
 * received from a peer are kept with the reason it sent.
 */
public record RtspStatus(int code, String reason) {

    public static final RtspStatus OK = new RtspStatus(200, "OK");
    public static final RtspStatus MOVED_PERMANENTLY = new RtspStatus(301, "Moved Permanently");
    public static final RtspStatus BAD_REQUEST = new RtspStatus(400, "Bad Request");
    public static final RtspStatus UNAUTHORIZED = new RtspStatus(401, "Unauthorized");
    public static final RtspStatus FORBIDDEN = new RtspStatus(403, "Forbidden");
    public static final RtspStatus NOT_FOUND = new RtspStatus(404, "Not Found");
    public static final RtspStatus METHOD_NOT_ALLOWED = new RtspStatus(405, "Method Not Allowed");
    public static final RtspStatus NOT_ACCEPTABLE = new RtspStatus(406, "Not Acceptable");
    public static final RtspStatus REQUEST_TIMEOUT = new RtspStatus(408, "Request Timeout");
    public static final RtspStatus LENGTH_REQUIRED = new RtspStatus(411, "Length Required");
    public static final RtspStatus REQUEST_ENTITY_TOO_LARGE = new RtspStatus(413, "Request Entity Too Large");
    public static final RtspStatus REQUEST_URI_TOO_LARGE = new RtspStatus(414, "Request-URI Too Large");
    public static final RtspStatus UNSUPPORTED_MEDIA_TYPE = new RtspStatus(415, "Unsupported Media Type");
    public static final RtspStatus PARAMETER_NOT_UNDERSTOOD = new RtspStatus(451, "Parameter Not Understood");
    public static final RtspStatus NOT_ENOUGH_BANDWIDTH = new RtspStatus(453, "Not Enough Bandwidth");
    public static final RtspStatus SESSION_NOT_FOUND = new RtspStatus(454, "Session Not Found");
    public static final RtspStatus METHOD_NOT_VALID_IN_THIS_STATE = new RtspStatus(455, "Method Not Valid in This State");
    public static final RtspStatus HEADER_FIELD_NOT_VALID = new RtspStatus(456, "Header Field Not Valid for Resource");
    public static final RtspStatus INVALID_RANGE = new RtspStatus(457, "Invalid Range");
    public static final RtspStatus AGGREGATE_OPERATION_NOT_ALLOWED = new RtspStatus(459, "Aggregate Operation Not Allowed");
    public static final RtspStatus ONLY_AGGREGATE_OPERATION_ALLOWED = new RtspStatus(460, "Only Aggregate Operation Allowed");
    public static final RtspStatus UNSUPPORTED_TRANSPORT = new RtspStatus(461, "Unsupported Transport");
    public static final RtspStatus INTERNAL_SERVER_ERROR = new RtspStatus(500, "Internal Server Error");
    public static final RtspStatus NOT_IMPLEMENTED = new RtspStatus(501, "Not Implemented");
    public static final RtspStatus SERVICE_UNAVAILABLE = new RtspStatus(503, "Service Unavailable");
    public static final RtspStatus VERSION_NOT_SUPPORTED = new RtspStatus(505, "RTSP Version Not Supported");
    public static final RtspStatus OPTION_NOT_SUPPORTED = new RtspStatus(551, "Option not supported");

    private static final Map<Integer, RtspStatus> KNOWN = Stream.of(
                    OK, MOVED_PERMANENTLY, BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND,
                    METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, REQUEST_TIMEOUT, LENGTH_REQUIRED,
                    REQUEST_ENTITY_TOO_LARGE, REQUEST_URI_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE,
                    PARAMETER_NOT_UNDERSTOOD, NOT_ENOUGH_BANDWIDTH, SESSION_NOT_FOUND,
                    METHOD_NOT_VALID_IN_THIS_STATE, HEADER_FIELD_NOT_VALID, INVALID_RANGE,
                    AGGREGATE_OPERATION_NOT_ALLOWED, ONLY_AGGREGATE_OPERATION_ALLOWED,
                    UNSUPPORTED_TRANSPORT, INTERNAL_SERVER_ERROR, NOT_IMPLEMENTED,
                    SERVICE_UNAVAILABLE, VERSION_NOT_SUPPORTED, OPTION_NOT_SUPPORTED)
            .collect(Collectors.toUnmodifiableMap(RtspStatus::code, Function.identity()));

    public RtspStatus {
        if (code < 100 || code > 999) {
            throw new IllegalArgumentException("status code must have three digits: " + code);
        }
        if (reason == null || reason.indexOf('\r') >= 0 || reason.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("reason phrase must be one line: " + reason);
        }
    }

    /** The known status for {@code code}, or one with a generic reason phrase. */
    public static RtspStatus valueOf(int code) {
        RtspStatus known = KNOWN.get(code);
        return known != null ? known : new RtspStatus(code, "Status " + code);
    }

    /** True for 2xx. */
    public boolean isSuccess() {
        return code >= 200 && code < 300;
    }

    @Override
    public String toString() {
        return code + " " + reason;
    }
}
