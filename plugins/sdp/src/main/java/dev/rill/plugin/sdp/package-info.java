/**
 * DESCRIBE for Rill: the session description (SDP, RFC 4566) of a mount.
 *
 * <ul>
 *   <li>{@link dev.rill.plugin.sdp.DescribeHandler}: the {@code RtspMethodHandler} for DESCRIBE
 *       (RFC 2326 §10.2), found with {@link java.util.ServiceLoader}; 200 with the SDP, 404 for
 *       no mount, 406 when Accept refuses {@code application/sdp}.</li>
 *   <li>{@code SdpDescription}: renders one mount's SDP (one video track, {@code trackID=0}).</li>
 *   <li>{@code ContentBase}: the aggregate URL the track's relative control resolves against.</li>
 *   <li>{@code AcceptHeader}: whether a request's Accept fields allow a media type.</li>
 * </ul>
 *
 * <p>Only the handler is public; it depends on {@code dev.rill.spi} alone.
 */
package dev.rill.plugin.sdp;
