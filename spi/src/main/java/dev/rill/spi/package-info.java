/**
 * The only contract plugins compile against.
 *
 * <ul>
 *   <li>The wire model: {@link dev.rill.spi.RtspRequest}, {@link dev.rill.spi.RtspResponse},
 *       {@link dev.rill.spi.RtspHeaders} and the incremental {@link dev.rill.spi.RtspDecoder}
 *       with its {@link dev.rill.spi.RtspLimits}; {@link dev.rill.spi.RtpPacket}.</li>
 *   <li>Typed headers, each with {@code parse} and {@code format}: {@link dev.rill.spi.Transport}
 *       (with {@link dev.rill.spi.PortRange}), {@link dev.rill.spi.NptRange},
 *       {@link dev.rill.spi.SessionHeader}, {@link dev.rill.spi.RtpInfo}.</li>
 *   <li>Media: {@link dev.rill.spi.MediaSourceProvider} makes a {@link dev.rill.spi.MediaSource}
 *       of shared {@link dev.rill.spi.Frame}s.</li>
 *   <li>Payload formats: {@link dev.rill.spi.RtpPayloadFormat} pairs a
 *       {@link dev.rill.spi.Payloader} with a {@link dev.rill.spi.Depayloader}.</li>
 *   <li>Methods: {@link dev.rill.spi.RtspMethodHandler} answers one RTSP method.</li>
 * </ul>
 *
 * Every extension point is found with {@link java.util.ServiceLoader}.
 */
package dev.rill.spi;
