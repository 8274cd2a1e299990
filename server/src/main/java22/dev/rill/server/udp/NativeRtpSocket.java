package dev.rill.server.udp;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.rill.spi.PayloadFragment;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An RTP socket made and driven through java.lang.foreign. Frames queued between flushes are
 * laid out as one array of {@code struct mmsghdr} and leave in as few {@code sendmmsg(2)} calls as
 * the kernel takes (up to {@link #MAX_MESSAGES} each). With GSO a message carries a run of
 * packets of one frame, all of one size but the last, which may be shorter, and a
 * {@code UDP_SEGMENT} control message giving that size: the kernel cuts it into datagrams
 * (udp(7)). Without GSO each packet is a message of its own. A packet is two iovecs, this
 * session's 12-byte header (copied into native memory) and the frame's shared payload (read in
 * place when it is off-heap, as prepared frames are).
 */
final class NativeRtpSocket implements RtpSocket {

    private static final Logger LOG = LoggerFactory.getLogger(NativeRtpSocket.class);

    /** Messages one {@code sendmmsg} takes at most ({@code UIO_MAXIOV}); also the batch's bound. */
    static final int MAX_MESSAGES = 1024;
    /** Packets in one batch at most; a frame with more is sent in several batches. */
    static final int MAX_PACKETS = 2048;
    /** Segments of one GSO send at most ({@code UDP_MAX_SEGMENTS} of Linux 4.18). */
    static final int MAX_SEGMENTS = 64;
    /** UDP payload bytes of one GSO send at most: below what one datagram carries (65,507 over IPv4, less over IPv6). */
    static final int MAX_GSO_BYTES = 64_000;
    /** Native room for payloads that live on the heap (copied once per batch, not read in place). */
    static final int STAGING_BYTES = 256 * 1024;
    static final int HEADER = 12;
    /** Calls interrupted in a row (EINTR) before the message is dropped: every other wait is bounded by time. */
    private static final int MAX_INTERRUPTS = 64;

    private static final int MMSGHDR = 64;
    private static final int IOVEC = 16;
    /** {@code CMSG_SPACE(sizeof(uint16_t))} and {@code CMSG_LEN(sizeof(uint16_t))} on LP64. */
    private static final int CMSG_SPACE = 24;
    private static final int CMSG_LEN = 18;
    private static final int JUNK_BYTES = 65_536;
    /** Destinations remembered, encoded, by identity: a power of two, several times a sender's sessions. */
    private static final int NAME_CACHE = 8192;
    /** Slots a destination may take, from the one its identity hash picks on (a power of two). */
    private static final int NAME_WAYS = 4;

    private final Libc libc;
    private final Arena arena;
    private final int family;
    private final AtomicBoolean fallbackLogged;
    private final MemorySegment errno;
    private final MemorySegment messages;
    private final MemorySegment iovecs;
    private final MemorySegment headers;
    private final MemorySegment names;
    private final MemorySegment controls;
    private final MemorySegment staging;
    private final MemorySegment single;
    private final MemorySegment junk;
    private final FullBuffer full = new FullBuffer();
    /**
     * Encoded destinations by the identity of their (immutable) address, which a session keeps
     * from SETUP on: encoding one afresh costs a copy of its bytes ({@code getAddress()}), and
     * nothing is to be allocated per frame.
     */
    private final InetSocketAddress[] cachedTo = new InetSocketAddress[NAME_CACHE];
    private final int[] cachedLength = new int[NAME_CACHE];
    private final MemorySegment cachedNames;
    private int nameEvictions;
    /** The sender's header array and its segment, made again only when the sender grows the array. */
    private byte[] headerArray;
    private MemorySegment headerArraySegment;
    /** Per queued message: its frame, its first packet, its packet count. */
    private final int[] messageFrame = new int[MAX_MESSAGES];
    private final int[] messageFirst = new int[MAX_MESSAGES];
    private final int[] messagePackets = new int[MAX_MESSAGES];
    /** The fragments read by the queued messages, held until they are sent. */
    private final Object[] held = new Object[MAX_MESSAGES];
    private final BitSet refused = new BitSet();
    private final Map<Integer, String> why = new HashMap<>();
    /** The socket; -1 once closed (by the server, after its sender has stopped). */
    private volatile int fd;
    private boolean gso;
    private int messageCount;
    private int packetCount;
    private int nameCount;
    private int stagingUsed;
    private int frames;

    private NativeRtpSocket(Libc libc, Arena arena, MemorySegment errno, int fd, int family, boolean gso,
                            AtomicBoolean fallbackLogged) {
        this.libc = libc;
        this.arena = arena;
        this.errno = errno;
        this.fd = fd;
        this.family = family;
        this.gso = gso;
        this.fallbackLogged = fallbackLogged;
        messages = arena.allocate((long) MMSGHDR * MAX_MESSAGES, 8);
        iovecs = arena.allocate((long) IOVEC * 2 * MAX_PACKETS, 8);
        headers = arena.allocate((long) HEADER * MAX_PACKETS, 8);
        names = arena.allocate((long) SocketAddresses.MAX_LENGTH * MAX_MESSAGES, 8);
        controls = arena.allocate((long) CMSG_SPACE * MAX_MESSAGES, 8);
        staging = arena.allocate(STAGING_BYTES, 8);
        single = arena.allocate(MMSGHDR, 8);
        junk = arena.allocate(JUNK_BYTES, 8);
        cachedNames = arena.allocate((long) SocketAddresses.MAX_LENGTH * NAME_CACHE, 8);
    }

    /** A non-blocking UDP socket bound to {@code host:port}. */
    static NativeRtpSocket open(Libc libc, InetAddress host, int port, boolean reusePort, int sendBuffer, boolean gso,
                                AtomicBoolean fallbackLogged) throws IOException {
        // Freed by the GC once the socket is unreachable: nothing can still be sending from it then.
        Arena arena = Arena.ofAuto();
        MemorySegment errno = Libc.errnoSegment(arena);
        int family = host instanceof Inet6Address ? Libc.AF_INET6 : Libc.AF_INET;
        int fd = libc.socket(errno, family, Libc.SOCK_DGRAM | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new IOException("socket(): " + libc.describe(Libc.errno(errno)));
        }
        try {
            if (family == Libc.AF_INET6) {
                setInt(libc, arena, errno, fd, Libc.IPPROTO_IPV6, Libc.IPV6_V6ONLY, 0, "IPV6_V6ONLY");
            }
            if (reusePort) {
                setInt(libc, arena, errno, fd, Libc.SOL_SOCKET, Libc.SO_REUSEPORT, 1, "SO_REUSEPORT");
            }
            setInt(libc, arena, errno, fd, Libc.SOL_SOCKET, Libc.SO_SNDBUF, sendBuffer, "SO_SNDBUF");
            MemorySegment address = arena.allocate(SocketAddresses.MAX_LENGTH, 8);
            int length = SocketAddresses.write(address, family, new InetSocketAddress(host, port));
            if (libc.bind(errno, fd, address, length) < 0) {
                int e = Libc.errno(errno);
                String text = "bind " + host.getHostAddress() + ":" + port + ": " + libc.describe(e);
                throw e == Libc.EADDRINUSE ? new BindException(text) : new IOException(text);
            }
            return new NativeRtpSocket(libc, arena, errno, fd, family, gso, fallbackLogged);
        } catch (IOException | RuntimeException e) {
            libc.close(fd);
            throw e;
        }
    }

    private static void setInt(Libc libc, Arena arena, MemorySegment errno, int fd, int level, int name, int value,
                               String what) throws IOException {
        MemorySegment v = arena.allocate(JAVA_INT);
        v.set(JAVA_INT, 0, value);
        if (libc.setsockopt(errno, fd, level, name, v, 4) < 0) {
            throw new IOException("setsockopt " + what + ": " + libc.describe(Libc.errno(errno)));
        }
    }

    @Override
    public int queue(InetSocketAddress to, ByteBuffer frameHeaders, List<PayloadFragment> fragments) {
        int frame = frames++;
        int n = fragments.size();
        if (fd < 0 || n == 0) {
            return frame;
        }
        MemorySegment headerSource;
        long headerBase;
        if (frameHeaders.hasArray()) {
            byte[] array = frameHeaders.array();
            if (array != headerArray) {
                headerArray = array;
                headerArraySegment = MemorySegment.ofArray(array);
            }
            headerSource = headerArraySegment;
            headerBase = frameHeaders.arrayOffset() + frameHeaders.position();
        } else {
            headerSource = MemorySegment.ofBuffer(frameHeaders);
            headerBase = 0;
        }
        int name = -1;
        int nameLength = 0;
        int next = 0;
        while (next < n) {
            if (messageCount == MAX_MESSAGES || nameCount == MAX_MESSAGES || packetCount + MAX_SEGMENTS > MAX_PACKETS
                    || stagingUsed + MAX_GSO_BYTES > STAGING_BYTES) {
                send();
                name = -1;
            }
            if (name < 0) {
                name = nameCount++;
                nameLength = writeName(name, to);
                if (nameLength < 0) {
                    refuse(frame, "cannot send to " + to + " from an " + (family == Libc.AF_INET ? "IPv4" : "IPv6")
                            + " socket");
                    nameCount--;
                    return frame;
                }
            }
            next = addMessage(frame, name, nameLength, headerSource, headerBase, fragments, next);
        }
        return frame;
    }

    /** Writes {@code to} as name {@code name}; returns its length, -1 when this socket cannot reach it. */
    private int writeName(int name, InetSocketAddress to) {
        int home = System.identityHashCode(to);
        long at = (long) name * SocketAddresses.MAX_LENGTH;
        int free = -1;
        for (int way = 0; way < NAME_WAYS; way++) {
            int slot = (home + way) & (NAME_CACHE - 1);
            InetSocketAddress cached = cachedTo[slot];
            if (cached == to) {
                MemorySegment.copy(cachedNames, (long) slot * SocketAddresses.MAX_LENGTH, names, at, SocketAddresses.MAX_LENGTH);
                return cachedLength[slot];
            }
            if (cached == null && free < 0) {
                free = slot;
            }
        }
        int length = SocketAddresses.write(nameAt(name), family, to);
        if (length > 0) {
            // A full set gives up its slots in turn: the sessions that left make room for new ones.
            int slot = free >= 0 ? free : (home + (nameEvictions++ & (NAME_WAYS - 1))) & (NAME_CACHE - 1);
            MemorySegment.copy(names, at, cachedNames, (long) slot * SocketAddresses.MAX_LENGTH, SocketAddresses.MAX_LENGTH);
            cachedTo[slot] = to;
            cachedLength[slot] = length;
        }
        return length;
    }

    private MemorySegment nameAt(int name) {
        return names.asSlice((long) name * SocketAddresses.MAX_LENGTH, SocketAddresses.MAX_LENGTH);
    }

    /**
     * Adds one message from packet {@code from} of the frame on: with GSO the longest run of
     * equal sizes (and one shorter packet to end it) that fits one send; returns the next packet.
     */
    private int addMessage(int frame, int name, int nameLength, MemorySegment headerSource, long headerBase,
                           List<PayloadFragment> fragments, int from) {
        int first = packetCount;
        int segment = HEADER + fragments.get(from).size();
        int total = 0;
        int next = from;
        while (true) {
            int length = addPacket(headerSource, headerBase + (long) next * HEADER, fragments.get(next).payload());
            total += length;
            next++;
            int count = next - from;
            if (!gso || length < segment || next == fragments.size() || count == MAX_SEGMENTS) {
                break;
            }
            int following = HEADER + fragments.get(next).size();
            if (following > segment || total + following > MAX_GSO_BYTES) {
                break;
            }
        }
        int packets = next - from;
        int m = messageCount++;
        MemorySegment message = messages.asSlice((long) m * MMSGHDR, MMSGHDR);
        message.set(ADDRESS, 0, nameAt(name));
        message.set(JAVA_INT, 8, nameLength);
        message.set(ADDRESS, 16, iovecs.asSlice((long) first * 2 * IOVEC));
        message.set(JAVA_LONG, 24, 2L * packets);
        if (packets > 1) {
            MemorySegment control = controls.asSlice((long) m * CMSG_SPACE, CMSG_SPACE);
            control.set(JAVA_LONG, 0, CMSG_LEN);
            control.set(JAVA_INT, 8, Libc.SOL_UDP);
            control.set(JAVA_INT, 12, Libc.UDP_SEGMENT);
            control.set(JAVA_SHORT, 16, (short) segment);
            message.set(ADDRESS, 32, control);
            message.set(JAVA_LONG, 40, CMSG_SPACE);
        } else {
            message.set(ADDRESS, 32, MemorySegment.NULL);
            message.set(JAVA_LONG, 40, 0L);
        }
        message.set(JAVA_INT, 48, 0);
        message.set(JAVA_INT, 56, 0);
        messageFrame[m] = frame;
        messageFirst[m] = first;
        messagePackets[m] = packets;
        held[m] = fragments;
        return next;
    }

    /** Adds a packet's two iovecs, its header at {@code headerAt} of {@code headerSource}; returns its length. */
    private int addPacket(MemorySegment headerSource, long headerAt, ByteBuffer payload) {
        int p = packetCount++;
        MemorySegment header = headers.asSlice((long) p * HEADER, HEADER);
        MemorySegment.copy(headerSource, headerAt, header, 0, HEADER);
        int length = payload.limit();
        MemorySegment body;
        if (payload.isDirect()) {
            body = MemorySegment.ofBuffer(payload);
        } else {
            body = staging.asSlice(stagingUsed, length);
            MemorySegment.copy(MemorySegment.ofBuffer(payload), 0, body, 0, length);
            stagingUsed += (length + 7) & ~7;
        }
        long at = (long) p * 2 * IOVEC;
        iovecs.set(ADDRESS, at, header);
        iovecs.set(JAVA_LONG, at + 8, HEADER);
        iovecs.set(ADDRESS, at + IOVEC, body);
        iovecs.set(JAVA_LONG, at + IOVEC + 8, length);
        return HEADER + length;
    }

    @Override
    public void flush(Refusals refusals) {
        send();
        for (int f = refused.nextSetBit(0); f >= 0; f = refused.nextSetBit(f + 1)) {
            refusals.refused(f, why.get(f));
        }
        refused.clear();
        why.clear();
        frames = 0;
    }

    /** Sends every queued message, then empties the batch. */
    private void send() {
        int next = 0;
        while (next < messageCount && fd >= 0) {
            if (refused.get(messageFrame[next])) {
                next++;
                continue;
            }
            int count = Math.min(messageCount - next, MAX_MESSAGES);
            int sent = sendmmsg(messages.asSlice((long) next * MMSGHDR), count);
            if (sent > 0) {
                next += sent;
                full.sent();
                continue;
            }
            int e = Libc.errno(errno);
            if (e == Libc.EINTR) {
                next++; // interrupted MAX_INTERRUPTS times in a row: dropped
                continue;
            }
            if (e == Libc.EAGAIN || e == Libc.ENOBUFS) {
                if (!full.waitForRoom(messagePackets[next])) {
                    next++;
                }
                continue;
            }
            // A message of several packets carries UDP_SEGMENT (queued while GSO was on).
            if (messagePackets[next] > 1 && gsoRefusal(e)) {
                gsoRefused(e);
                sendSplit(next);
                next++;
                continue;
            }
            // This destination's error, or one left over from the message before: once more alone.
            if (sendOne(messages.asSlice((long) next * MMSGHDR, MMSGHDR), messageFrame[next], messagePackets[next])) {
                next++;
            }
        }
        Arrays.fill(held, 0, messageCount, null);
        messageCount = 0;
        packetCount = 0;
        nameCount = 0;
        stagingUsed = 0;
    }

    private static boolean gsoRefusal(int e) {
        return e == Libc.EIO || e == Libc.EINVAL || e == Libc.ENOPROTOOPT || e == Libc.EOPNOTSUPP;
    }

    private void gsoRefused(int e) {
        gso = false;
        if (fallbackLogged.compareAndSet(false, true)) {
            LOG.info("RTP send path: {} (the kernel refused a UDP_SEGMENT send: {})",
                    RtpSockets.describe(SendPath.SENDMMSG), libc.describe(e));
        }
    }

    /** Sends a GSO message's packets one by one, as plain datagrams. */
    private void sendSplit(int m) {
        MemorySegment message = messages.asSlice((long) m * MMSGHDR, MMSGHDR);
        MemorySegment iov = iovecs.asSlice((long) messageFirst[m] * 2 * IOVEC);
        for (int k = 0; k < messagePackets[m] && !refused.get(messageFrame[m]); k++) {
            single.copyFrom(message);
            single.set(ADDRESS, 16, iov.asSlice((long) k * 2 * IOVEC));
            single.set(JAVA_LONG, 24, 2L);
            single.set(ADDRESS, 32, MemorySegment.NULL);
            single.set(JAVA_LONG, 40, 0L);
            while (!sendOne(single, messageFrame[m], 1)) {
                // sendOne waits for room in short sleeps, bounded by FullBuffer
            }
        }
    }

    /**
     * Sends one message; true when it is done with (sent, dropped after waiting for room, or
     * refused: its frame is then reported), false when the caller should try again.
     */
    private boolean sendOne(MemorySegment message, int frame, int packets) {
        if (sendmmsg(message, 1) == 1) {
            full.sent();
            return true;
        }
        int e = Libc.errno(errno);
        if (e == Libc.EINTR) {
            return true; // interrupted MAX_INTERRUPTS times in a row: dropped
        }
        if (e == Libc.EAGAIN || e == Libc.ENOBUFS) {
            return !full.waitForRoom(packets);
        }
        refuse(frame, libc.describe(e));
        return true;
    }

    /**
     * {@code sendmmsg(2)} again while a signal interrupts it, at most {@link #MAX_INTERRUPTS}
     * times: the one retry here that no clock bounds. Errno is left for the caller.
     */
    private int sendmmsg(MemorySegment first, int count) {
        int sent = libc.sendmmsg(errno, fd, first, count, 0);
        for (int i = 1; sent < 0 && i < MAX_INTERRUPTS && Libc.errno(errno) == Libc.EINTR; i++) {
            sent = libc.sendmmsg(errno, fd, first, count, 0);
        }
        return sent;
    }

    private void refuse(int frame, String reason) {
        if (!refused.get(frame)) {
            refused.set(frame);
            why.put(frame, reason);
        }
    }

    @Override
    public void drain(int max) {
        for (int i = 0; i < max && fd >= 0; i++) {
            if (libc.recv(errno, fd, junk, JUNK_BYTES, Libc.MSG_DONTWAIT) < 0) {
                int e = Libc.errno(errno);
                if (e != Libc.EAGAIN && e != Libc.EINTR) {
                    LOG.debug("RTP port: {}", libc.describe(e));
                }
                return;
            }
        }
    }

    @Override
    public SendPath path() {
        return gso ? SendPath.GSO : SendPath.SENDMMSG;
    }

    /** For tests: no UDP checksums ({@code SO_NO_CHECK}), which makes the kernel refuse GSO sends. */
    void checksumsOff() throws IOException {
        setInt(libc, arena, errno, fd, Libc.SOL_SOCKET, Libc.SO_NO_CHECK, 1, "SO_NO_CHECK");
    }

    /** For the probe: frames go out as plain datagrams. */
    void withoutGso() {
        gso = false;
    }

    /** For the probe: frames go out with {@code UDP_SEGMENT}. */
    void withGso() {
        gso = true;
    }

    /** For the probe: sets {@code UDP_SEGMENT} as a socket option; why not, if the kernel refuses. */
    Optional<String> segmentOption(int size) {
        MemorySegment v = arena.allocate(JAVA_INT);
        v.set(JAVA_INT, 0, size);
        if (libc.setsockopt(errno, fd, Libc.SOL_UDP, Libc.UDP_SEGMENT, v, 4) < 0) {
            return Optional.of("setsockopt UDP_SEGMENT: " + libc.describe(Libc.errno(errno)));
        }
        v.set(JAVA_INT, 0, 0);
        libc.setsockopt(errno, fd, Libc.SOL_UDP, Libc.UDP_SEGMENT, v, 4);
        return Optional.empty();
    }

    /** The port the socket is bound to. */
    int localPort() throws IOException {
        MemorySegment address = arena.allocate(SocketAddresses.MAX_LENGTH, 8);
        MemorySegment length = arena.allocate(JAVA_INT);
        length.set(JAVA_INT, 0, SocketAddresses.MAX_LENGTH);
        if (libc.getsockname(errno, fd, address, length) < 0) {
            throw new IOException("getsockname: " + libc.describe(Libc.errno(errno)));
        }
        return SocketAddresses.port(address);
    }

    @Override
    public void close() {
        if (fd >= 0) {
            libc.close(fd);
            fd = -1;
        }
    }
}
