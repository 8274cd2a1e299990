package dev.rill.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * What a client's RTCP receiver report says about a session's stream (RFC 3550 §6.4.1), in units
 * a listener can show.
 *
 * @param fractionLost   fraction of packets lost since the previous report, 0.0..1.0
 * @param cumulativeLost packets lost since the session began
 * @param jitter         interarrival jitter
 * @param roundTrip      round-trip time, when the client echoed one of our sender reports
 */
public record ReceptionReport(double fractionLost, long cumulativeLost, Duration jitter, Optional<Duration> roundTrip) {
}
