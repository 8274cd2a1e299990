package dev.rill.bench;

import dev.rill.wire.RtcpPacket;
import dev.rill.wire.RtspParseException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One platform thread with one {@link Selector} that receives the media of many sessions: each
 * session's non-blocking RTP and RTCP datagram channels, or its interleaved RTSP connection.
 * Per datagram it reads into one direct buffer and looks at four header fields in place (a
 * datagram of another SSRC than the one SETUP announced is counted and ignored); the clock is
 * read only for marker packets. A ready RTP channel is read up to the end of a frame (its marker
 * packet), at most {@link #BATCH} datagrams: a frame's packets arrive together, and stopping at
 * the marker saves the read that would find the socket empty (the selector is level-triggered,
 * so anything left is found by the next poll). With an {@link RtpHeaderBatch} (Linux, Java 22+),
 * RTP sockets are watched by its epoll instead and each ready one is read with one call for
 * everything waiting on it, headers only.
 *
 * <p>With {@code pollNanos > 0} the thread does not block in select: it polls once every
 * {@code pollNanos}, sleeping what a round left of it. Blocked in select it would be woken by
 * nearly every datagram, and on loopback that wake-up is work done inside the server's send; polled, it is
 * woken by its timer, reads everything that came meanwhile, and stamps arrivals late by at most
 * {@code pollNanos} plus the timer's slack.
 *
 * <p>Standard UDP sessions are kept alive by an RTCP receiver report every
 * {@code receiverReportNanos} (the server ends a session that sends neither requests nor RTCP
 * for its timeout), sent from this thread, which owns the counters it reports.
 */
final class ReceiverLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiverLoop.class);
    /** The most reads from one channel per select: fairness between sessions. */
    static final int BATCH = 64;
    /** The longest select, so that registrations, reports and stop are seen soon. */
    private static final long SELECT_MILLIS = 50;
    /** Room for the largest datagram (and a generous TCP read). */
    private static final int BUFFER_BYTES = 65_536;

    private final Selector selector;
    private final Thread thread;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private final ConcurrentLinkedQueue<LoadSession> incoming = new ConcurrentLinkedQueue<>();
    private final List<LoadSession> reporting = new ArrayList<>();
    /** Sessions whose RTP socket the batch watches, by token. */
    private final List<LoadSession> watched = new ArrayList<>();
    private final StreamStats.Intervals intervals = new StreamStats.Intervals();
    private final LatencyHistogram latencies = new LatencyHistogram();
    private final long receiverReportNanos;
    private final long pollNanos;
    private final long localSsrc;
    /** Batch reads of RTP headers; null: one read a datagram. */
    private final RtpHeaderBatch batch;
    private volatile StreamStats.Window window;
    private volatile boolean running = true;
    private int reportCursor;

    // Written by this thread only; published once per select round for progress lines.
    private long packets;
    private long bytes;
    private long errors;
    private long foreign;
    private volatile long publishedPackets;

    /**
     * @param receiverReportNanos interval between RTCP receiver reports per UDP session; 0 for none
     * @param pollNanos           the interval between polls; 0 to block in select instead
     * @param batch               batch reads for RTP (sessions that want whole packets still read one at a
     *                            time); only with {@code pollNanos > 0}, since its epoll does not wake the selector
     */
    ReceiverLoop(String name, StreamStats.Window window, long receiverReportNanos, long localSsrc, long pollNanos,
                 Optional<RtpHeaderBatch> batch) throws IOException {
        this.selector = Selector.open();
        this.window = window;
        this.receiverReportNanos = receiverReportNanos;
        this.localSsrc = localSsrc;
        this.pollNanos = pollNanos;
        this.batch = batch.orElse(null);
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    StreamStats.Window window() {
        return window;
    }

    void window(StreamStats.Window w) {
        window = w;
    }

    /** Inter-frame intervals; read the histograms only after {@link #close()}. */
    StreamStats.Intervals intervals() {
        return intervals;
    }

    /** Publish-to-viewer latencies of the sessions in the sample, in the window; read only after {@link #close()}. */
    LatencyHistogram latencies() {
        return latencies;
    }

    /** Bytes read from every channel; read only after {@link #close()}. */
    long bytes() {
        return bytes;
    }

    /** Packets received so far (published about every 50 ms). */
    long packets() {
        return publishedPackets;
    }

    /** Read or parse errors; read only after {@link #close()}. */
    long errors() {
        return errors;
    }

    /** RTP packets of another SSRC than the session's, ignored; read only after {@link #close()}. */
    long foreign() {
        return foreign;
    }

    /** Hands a session over: this thread registers its channels and owns its reception from then on. */
    void add(LoadSession session) {
        incoming.add(session);
        selector.wakeup();
    }

    private void run() {
        try {
            while (running) {
                register();
                if (pollNanos == 0) {
                    selector.select(this::ready, SELECT_MILLIS);
                } else {
                    long began = System.nanoTime();
                    selector.selectNow(this::ready);
                    pollBatch();
                    long rest = pollNanos - (System.nanoTime() - began);
                    if (rest > 0) {
                        LockSupport.parkNanos(rest);
                    }
                }
                sendReports();
                publishedPackets = packets;
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("receiver {} stopped", thread.getName(), e);
        }
    }

    private void register() {
        long now = System.nanoTime();
        for (LoadSession s = incoming.poll(); s != null; s = incoming.poll()) {
            try {
                if (s.udp().isPresent()) {
                    UdpPair pair = s.udp().get();
                    pair.rtp().configureBlocking(false);
                    pair.rtcp().configureBlocking(false);
                    int fd = batch != null && !s.wantsPackets() ? batch.descriptor(pair.rtp()).orElse(-1) : -1;
                    if (fd >= 0 && batch.watch(fd, watched.size())) {
                        // Registered with no interest all the same: the JDK closes a registered
                        // channel's descriptor only when this thread's selector deregisters it, so
                        // the descriptor the batch reads stays this socket's.
                        watched.add(s);
                        s.rtpDescriptor(fd);
                        pair.rtp().register(selector, 0, s);
                    } else {
                        pair.rtp().register(selector, SelectionKey.OP_READ, s);
                    }
                    pair.rtcp().register(selector, SelectionKey.OP_READ, s);
                    if (receiverReportNanos > 0) {
                        reporting.add(s);
                    }
                } else if (s.http().isPresent()) {
                    s.http().get().channel().register(selector, SelectionKey.OP_READ, s);
                } else {
                    SocketChannel tcp = s.control().orElseThrow().channel();
                    tcp.register(selector, SelectionKey.OP_READ, s);
                }
                s.ownedBy(this, now + receiverReportNanos);
            } catch (IOException e) {
                errors++;
                LOG.warn("session {}: cannot register: {}", s.index(), e.toString());
            }
        }
    }

    private void ready(SelectionKey key) {
        LoadSession s = (LoadSession) key.attachment();
        try {
            switch (key.channel()) {
                case DatagramChannel udp when udp == s.udp().orElseThrow().rtp() -> readRtp(udp, s);
                case DatagramChannel udp -> readRtcp(udp, s);
                case SocketChannel tcp when s.http().isPresent() -> readHttp(tcp, s, key);
                case SocketChannel tcp -> readInterleaved(tcp, s, key);
                default -> key.cancel();
            }
        } catch (ClosedChannelException e) {
            key.cancel();
        } catch (IOException | RtspParseException e) {
            errors++;
            LOG.debug("session {}: {}", s.index(), e.toString());
            if (key.channel() instanceof SocketChannel) {
                key.cancel();
            }
        }
    }

    /** Reads the watched RTP sockets that have datagrams waiting (level-triggered: what is left is reported again). */
    private void pollBatch() {
        if (watched.isEmpty()) {
            return;
        }
        for (int round = 0; round < 16; round++) {
            int n = batch.poll();
            if (n < 0) {
                errors++;
                return;
            }
            for (int i = 0; i < n; i++) {
                LoadSession s = watched.get(batch.token(i));
                readRtpBatch(s.rtpDescriptor(), s);
            }
            if (n < RtpHeaderBatch.EVENTS) {
                return;
            }
        }
    }

    private void readRtp(DatagramChannel channel, LoadSession s) throws IOException {
        StreamStats.Window w = window;
        boolean connected = channel.isConnected();
        long ssrc = s.serverSsrc();
        for (int i = 0; i < BATCH; i++) {
            buffer.clear();
            int n;
            if (connected) {
                n = channel.read(buffer);
            } else {
                n = channel.receive(buffer) == null ? 0 : buffer.position();
            }
            if (n <= 0) {
                return;
            }
            if (n < RtpHeader.LENGTH || !RtpHeader.isVersion2(buffer.get(0))) {
                errors++;
                continue;
            }
            if (ssrc >= 0 && RtpHeader.ssrc(buffer) != ssrc) {
                // Another stream to a port this session reuses: one a killed run never tore down.
                foreign++;
                continue;
            }
            packets++;
            bytes += n;
            boolean marker = RtpHeader.marker(buffer);
            s.stats().onPacket(RtpHeader.sequence(buffer), marker, RtpHeader.timestamp(buffer),
                    marker ? System.nanoTime() : 0, w, intervals);
            if (s.wantsPackets()) {
                buffer.flip();
                s.packet(buffer);
            }
            if (marker) {
                return;
            }
        }
    }

    /** Everything waiting on a session's RTP socket, up to {@link RtpHeaderBatch#CAPACITY}, in one call. */
    private void readRtpBatch(int fd, LoadSession s) {
        int n = batch.read(fd);
        if (n < 0) {
            errors++;
            return;
        }
        StreamStats.Window w = window;
        long ssrc = s.serverSsrc();
        ByteBuffer headers = batch.headers();
        for (int i = 0; i < n; i++) {
            int at = i * RtpHeaderBatch.SLOT;
            int length = batch.length(i);
            if (length < RtpHeader.LENGTH || !RtpHeader.isVersion2(headers.get(at))) {
                errors++;
                continue;
            }
            if (ssrc >= 0 && RtpHeader.ssrc(headers, at) != ssrc) {
                foreign++;
                continue;
            }
            packets++;
            bytes += length;
            boolean marker = RtpHeader.marker(headers, at);
            s.stats().onPacket(RtpHeader.sequence(headers, at), marker, RtpHeader.timestamp(headers, at),
                    marker ? System.nanoTime() : 0, w, intervals);
        }
    }

    private void readRtcp(DatagramChannel channel, LoadSession s) throws IOException {
        for (int i = 0; i < BATCH; i++) {
            buffer.clear();
            int n = channel.isConnected() ? channel.read(buffer) : channel.receive(buffer) == null ? 0 : 1;
            if (n <= 0) {
                return;
            }
            s.countRtcp();
        }
    }

    private void readInterleaved(SocketChannel channel, LoadSession s, SelectionKey key)
            throws IOException, RtspParseException {
        InterleavedParser parser = s.control().orElseThrow().parser();
        readStream(channel, s, key, parser::feed);
    }

    /** Reads an HTTP viewer's stream: every part is one frame (see {@link LoadSession#part}). */
    private void readHttp(SocketChannel channel, LoadSession s, SelectionKey key) throws IOException, RtspParseException {
        HttpStreamParser parser = s.http().orElseThrow().parser();
        readStream(channel, s, key, parser::feed);
    }

    /** What a stream's bytes go to: the interleaved or the multipart parser. */
    @FunctionalInterface
    private interface Feed {
        void feed(ByteBuffer bytes) throws IOException, RtspParseException;
    }

    /** Up to {@link #BATCH} reads of one TCP stream into its parser, counting bytes and what the parser completed. */
    private void readStream(SocketChannel channel, LoadSession s, SelectionKey key, Feed parser)
            throws IOException, RtspParseException {
        for (int i = 0; i < BATCH; i++) {
            buffer.clear();
            int n = channel.read(buffer);
            if (n < 0) {
                s.closedByServer();
                key.cancel();
                return;
            }
            if (n == 0) {
                return;
            }
            bytes += n;
            buffer.flip();
            long before = s.stats().received();
            parser.feed(buffer);
            packets += s.stats().received() - before;
        }
    }

    /**
     * Sends the receiver reports that are due. Sessions were registered in order and each report
     * is due one interval after the last, so due times rise along the list and a cursor walking
     * it finds every due session without looking at the others.
     */
    private void sendReports() {
        if (reporting.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        for (int checked = 0; checked < reporting.size(); checked++) {
            if (reportCursor >= reporting.size()) {
                reportCursor = 0;
            }
            LoadSession s = reporting.get(reportCursor);
            if (s.nextReceiverReport() > now) {
                return;
            }
            s.nextReceiverReport(now + receiverReportNanos);
            reportCursor++;
            sendReport(s);
        }
    }

    private void sendReport(LoadSession s) {
        if (s.serverSsrc() < 0) {
            return;
        }
        StreamStats st = s.stats();
        long lost = Math.max(-(1 << 23), Math.min((1 << 23) - 1, st.lost()));
        RtcpPacket.ReportBlock block = new RtcpPacket.ReportBlock(s.serverSsrc(), 0, (int) lost,
                st.extendedHighest() & 0xFFFFFFFFL, 0, 0, 0);
        long ssrc = (localSsrc + s.index()) & 0xFFFFFFFFL; // one SSRC per session, as per participant
        byte[] packet = RtcpPacket.encodeCompound(List.of(new RtcpPacket.ReceiverReport(ssrc, List.of(block))));
        try {
            DatagramChannel rtcp = s.udp().orElseThrow().rtcp();
            if (rtcp.isOpen() && rtcp.isConnected()) { // closed: its handshake failed after SETUP
                rtcp.write(ByteBuffer.wrap(packet));
            }
        } catch (IOException e) {
            errors++;
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("selector close: {}", e.toString());
        }
        if (batch != null && !thread.isAlive()) {
            batch.close();
        }
    }
}
