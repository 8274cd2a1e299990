package dev.rill.bench;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@link RtpHeaderBatch} on Linux (release 22): {@code recvmmsg(2)} with {@code MSG_DONTWAIT}
 * and {@code MSG_TRUNC}, each message's one iovec pointing at its {@link #SLOT}-byte slot, so
 * the kernel copies only the headers and still reports each datagram's whole length (udp(7));
 * a level-triggered {@code epoll(7)} set whose events carry the caller's tokens.
 */
final class LinuxRtpHeaderBatch implements RtpHeaderBatch {

    private static final int MSG_TRUNC = 0x20;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int EAGAIN = 11;
    private static final int EINTR = 4;
    /** struct mmsghdr on x86_64 and aarch64: a 56-byte msghdr, then msg_len, padded to 64. */
    private static final int MMSGHDR = 64;
    private static final int MSG_LEN = 56;
    private static final int IOVEC = 16;
    private static final int EPOLL_CLOEXEC = 0x80000;
    private static final int EPOLL_CTL_ADD = 1;
    private static final int EPOLLIN = 1;
    /** struct epoll_event on x86_64: packed, a 32-bit mask then the 64-bit data. */
    private static final int EPOLL_EVENT = 12;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final VarHandle ERRNO = Linker.Option.captureStateLayout()
            .varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private final MethodHandle recvmmsg;
    private final MethodHandle epollCtl;
    private final MethodHandle epollWait;
    private final MethodHandle close;
    private final int epfd;
    private final MemorySegment events;
    private final MemorySegment event;
    private final Optional<Method> descriptor;
    private final Optional<String> unavailable;
    private final MemorySegment messages;
    private final MemorySegment slots;
    private final MemorySegment errno;
    private final ByteBuffer headers;

    LinuxRtpHeaderBatch() {
        // critical: a short call that never blocks (MSG_DONTWAIT) into memory off the heap.
        recvmmsg = LINKER.downcallHandle(LINKER.defaultLookup().find("recvmmsg").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS),
                Linker.Option.captureCallState("errno"), Linker.Option.critical(false));
        var libc = LINKER.defaultLookup();
        MethodHandle epollCreate = LINKER.downcallHandle(libc.find("epoll_create1").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        epollCtl = LINKER.downcallHandle(libc.find("epoll_ctl").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
        epollWait = LINKER.downcallHandle(libc.find("epoll_wait").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.critical(false));
        close = LINKER.downcallHandle(libc.find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        Optional<Method> found = Optional.empty();
        String why = null;
        try (DatagramChannel probe = DatagramChannel.open()) {
            Method m = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFDVal");
            m.invoke(probe);
            found = Optional.of(m);
        } catch (IllegalAccessException e) {
            why = "the JVM does not export sun.nio.ch to the generator (add --add-exports java.base/sun.nio.ch=ALL-UNNAMED)";
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            why = "cannot read a channel's descriptor: " + e;
        }
        if (why == null && !System.getProperty("os.arch").matches("amd64|x86_64")) {
            why = "the layout of struct epoll_event is known here for x86_64 only";
        }
        int ep;
        try {
            ep = why == null ? (int) epollCreate.invokeExact(EPOLL_CLOEXEC) : -1;
        } catch (Throwable e) {
            throw new IllegalStateException("epoll_create1", e);
        }
        if (why == null && ep < 0) {
            why = "epoll_create1 failed";
        }
        epfd = ep;
        descriptor = found;
        unavailable = Optional.ofNullable(why);
        Arena arena = Arena.ofAuto();
        events = arena.allocate((long) EPOLL_EVENT * EVENTS, 8);
        event = arena.allocate(EPOLL_EVENT, 8);
        messages = arena.allocate((long) MMSGHDR * CAPACITY, 8);
        MemorySegment iovecs = arena.allocate((long) IOVEC * CAPACITY, 8);
        slots = arena.allocate((long) SLOT * CAPACITY, 8);
        errno = arena.allocate(Linker.Option.captureStateLayout());
        for (int i = 0; i < CAPACITY; i++) {
            MemorySegment iov = iovecs.asSlice((long) i * IOVEC, IOVEC);
            iov.set(ADDRESS, 0, slots.asSlice((long) i * SLOT, SLOT));
            iov.set(JAVA_LONG, 8, SLOT);
            MemorySegment m = messages.asSlice((long) i * MMSGHDR, MMSGHDR);
            m.set(ADDRESS, 16, iov);   // msg_iov; name and control stay NULL (the socket is connected)
            m.set(JAVA_LONG, 24, 1L);  // msg_iovlen
        }
        headers = slots.asByteBuffer();
    }

    @Override
    public Optional<String> unavailable() {
        return unavailable;
    }

    @Override
    public OptionalInt descriptor(DatagramChannel channel) {
        if (descriptor.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of((int) descriptor.get().invoke(channel));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    @Override
    public int read(int fd) {
        for (int attempt = 0; attempt < 8; attempt++) {
            int n;
            try {
                n = (int) recvmmsg.invokeExact(errno, fd, messages, CAPACITY, MSG_DONTWAIT | MSG_TRUNC, MemorySegment.NULL);
            } catch (Throwable e) {
                throw new IllegalStateException("recvmmsg", e);
            }
            if (n >= 0) {
                return n;
            }
            int error = (int) ERRNO.get(errno, 0L);
            if (error == EAGAIN) {
                return 0;
            }
            if (error != EINTR) {
                return -1;
            }
        }
        return 0;
    }

    @Override
    public boolean watch(int fd, int token) {
        event.set(JAVA_INT, 0, EPOLLIN);
        event.set(JAVA_LONG_UNALIGNED, 4, token);
        try {
            return (int) epollCtl.invokeExact(epfd, EPOLL_CTL_ADD, fd, event) == 0;
        } catch (Throwable e) {
            throw new IllegalStateException("epoll_ctl", e);
        }
    }

    @Override
    public int poll() {
        try {
            return (int) epollWait.invokeExact(epfd, events, EVENTS, 0);
        } catch (Throwable e) {
            throw new IllegalStateException("epoll_wait", e);
        }
    }

    @Override
    public int token(int i) {
        return (int) events.get(JAVA_LONG_UNALIGNED, (long) i * EPOLL_EVENT + 4);
    }

    @Override
    public void close() {
        if (epfd >= 0) {
            try {
                int ignored = (int) close.invokeExact(epfd);
            } catch (Throwable e) {
                throw new IllegalStateException("close", e);
            }
        }
    }

    @Override
    public int length(int i) {
        return messages.get(JAVA_INT, (long) i * MMSGHDR + MSG_LEN);
    }

    @Override
    public ByteBuffer headers() {
        return headers;
    }
}
