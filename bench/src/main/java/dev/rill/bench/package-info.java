/**
 * Benchmarks and the load generator.
 *
 * <ul>
 *   <li>{@link dev.rill.bench.LoadGenerator} opens many RTSP sessions against one URL: handshakes
 *       ({@code Handshake}, {@code RtspControl}) on virtual threads, at most K in flight
 *       ({@code Ramp}); reception on one or two selector threads ({@code ReceiverLoop}) that keep
 *       each session's counters in a {@code StreamStats} (RFC 3550 A.1/A.3 loss, frames by marker
 *       bit, inter-frame intervals in a {@code LatencyHistogram}, schedule offsets).</li>
 *   <li>HTTP MJPEG viewers ({@code --url http://...}): {@code HttpViewer} opens each, and the same
 *       receivers parse the stream ({@code HttpStreamParser} de-chunks, {@code MultipartParser}
 *       counts parts, one part one frame).</li>
 *   <li>A publisher ({@code --publish}): {@code PublishedCycle} pre-encodes the pictures and cuts
 *       them with the server's RFC 2435 payloader, {@code Publisher} announces, records and paces
 *       them over {@code PublishConnection}; viewers in the latency sample hash each frame's scan
 *       data ({@code ScanHash}, {@code FrameLatency}) and look up its send time ({@code SendTimes}).
 *       {@link dev.rill.bench.WritePictures} writes the same pictures as files for a file mount.</li>
 *   <li>The server's and its own CPU time and memory come from {@code /proc} ({@code ProcFiles},
 *       {@code ProcessSample}); heap per session from {@code jcmd GC.class_histogram} ({@code HeapGauge}).</li>
 *   <li>{@code Report} holds the results and their arithmetic; {@code ReportText} and {@code Json} (Jackson)
 *       print them.</li>
 *   <li>JMH benchmarks of the hot paths: {@link dev.rill.bench.RequestParsingBenchmark},
 *       {@link dev.rill.bench.FragmentationBenchmark}, {@link dev.rill.bench.PacketWriteBenchmark},
 *       and the yardstick {@link dev.rill.bench.SendBenchmark}, whose CPU cost per send
 *       {@link dev.rill.bench.SendCost} measures.</li>
 * </ul>
 */
package dev.rill.bench;
