/**
 * Session statistics, as a session listener ({@code "listeners": [{"type": "stats"}]}).
 *
 * <ul>
 *   <li>{@link dev.rill.plugin.stats.StatsListenerProvider} starts a {@code StatsListener} from a
 *       {@link dev.rill.plugin.stats.StatsConfig}.</li>
 *   <li>{@code SessionTable} tracks live sessions and their last RTCP receiver report, and keeps
 *       totals that outlive closed sessions; it hands out {@code StatsSnapshot}s of
 *       {@code SessionRow}s.</li>
 *   <li>Snapshots also carry the server's mounts ({@code MountRow}: a live source's reported status,
 *       and its bitrate in from {@code InputRates}) and HTTP viewers, read from the
 *       {@code ListenerContext} when taken.</li>
 *   <li>{@code SummaryLog} logs a line every {@code logEverySeconds}.</li>
 *   <li>{@link dev.rill.plugin.stats.StatsRoutes} serves {@code /stats} ({@code StatsJson},
 *       written with Jackson's tree model), {@code /metrics} ({@code StatsMetrics}, written with
 *       {@code PrometheusText}) and {@code /health} on the server's HTTP listener, the first two
 *       to loopback peers only.</li>
 *   <li>{@code StatsHttp} answers the same on a listener of its own (the JDK's HTTP server on a
 *       {@code BoundedVirtualExecutor}) for the deprecated {@code httpHost}/{@code httpPort}.</li>
 * </ul>
 */
package dev.rill.plugin.stats;
