package dev.rill.plugin.stats;

import dev.rill.spi.ListenerContext;
import dev.rill.spi.ReceptionReport;
import dev.rill.spi.SessionInfo;
import dev.rill.spi.SessionListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The statistics listener: keeps a {@link SessionTable} up to date from session events, and
 * serves its snapshots through a {@link SummaryLog} and {@link StatsHttp}, each optional. Event
 * methods are called on server threads: they update memory under a short lock and never wait for
 * I/O.
 */
final class StatsListener implements SessionListener {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StatsListener.class);

    private final SessionTable table;
    private final ListenerContext context;
    private final InputRates rates = new InputRates();
    private final Clock clock;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Optional<StatsHttp> http;
    private final Optional<SummaryLog> summary;

    private StatsListener(SessionTable table, ListenerContext context, Clock clock, StatsConfig config) throws IOException {
        this.table = table;
        this.context = context;
        this.clock = clock;
        if (config.httpEnabled()) {
            LOG.warn("stats: listeners[].httpHost/httpPort are deprecated and go in the next release: the statistics"
                    + " are served on the server's HTTP listener, configured with the top-level \"http\" key"
                    + " (e.g. \"http\": {\"host\": \"127.0.0.1\", \"port\": 8080}); serving them on {}:{} as well for now",
                    config.httpHost(), config.httpPort());
        }
        this.http = config.httpEnabled()
                ? Optional.of(StatsHttp.start(config.httpHost(), config.httpPort(), this::snapshot, stopping::get))
                : Optional.empty();
        // Started last: nothing after it can fail and leave the thread running.
        this.summary = config.logEverySeconds() > 0
                ? Optional.of(new SummaryLog(Duration.ofSeconds(config.logEverySeconds()), this::snapshot))
                : Optional.empty();
    }

    /**
     * Starts the HTTP endpoints and the summary log the config asks for.
     *
     * @param clock the clock of snapshots (uptime)
     * @throws IOException when the HTTP address cannot be bound
     */
    static StatsListener start(StatsConfig config, ListenerContext context, Clock clock) throws IOException {
        return new StatsListener(new SessionTable(context.startedAt()), context, clock, config);
    }

    @Override
    public void opened(SessionInfo session) {
        table.opened(session);
    }

    @Override
    public void receptionReported(SessionInfo session, ReceptionReport report) {
        table.reported(session, report);
    }

    @Override
    public void closed(SessionInfo session) {
        table.closed(session);
    }

    /** The sessions, and the server's mounts and HTTP viewers as its suppliers give them now. */
    StatsSnapshot snapshot() {
        Instant now = clock.instant();
        return table.snapshot(now).with(rates.rows(context.mounts().get(), now), context.httpViewers().get());
    }

    /** Where the HTTP endpoints listen (the real port when 0 was configured), if they do. */
    Optional<InetSocketAddress> httpAddress() {
        return http.map(StatsHttp::address);
    }

    /** True once the server is stopping or draining (it takes no new sessions): {@code /health} then answers 503. */
    boolean stopping() {
        return stopping.get() || !context.accepting().getAsBoolean();
    }

    /** From now on {@code /health} answers 503; {@link #close} begins with this. */
    void beginStopping() {
        stopping.set(true);
    }

    /** Stops the summary log and the HTTP server; later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        beginStopping();
        summary.ifPresent(SummaryLog::close);
        http.ifPresent(StatsHttp::close);
    }
}
