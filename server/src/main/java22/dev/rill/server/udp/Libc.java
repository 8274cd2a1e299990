package dev.rill.server.udp;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few C library calls the native send path makes (Linux, LP64), each returning -1 and
 * leaving {@code errno} in the caller's capture segment on failure. Constants are Linux's, the
 * same on amd64 and aarch64.
 */
final class Libc {

    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_SNDBUF = 7;
    static final int SO_NO_CHECK = 11;
    static final int SO_REUSEPORT = 15;
    static final int IPPROTO_IPV6 = 41;
    static final int IPV6_V6ONLY = 26;
    /** udp(7): {@code SOL_UDP} (= {@code IPPROTO_UDP}) and {@code UDP_SEGMENT}, a {@code uint16_t} segment size. */
    static final int SOL_UDP = 17;
    static final int UDP_SEGMENT = 103;
    static final int MSG_DONTWAIT = 0x40;

    static final int EPERM = 1;
    static final int EINTR = 4;
    static final int EIO = 5;
    static final int EAGAIN = 11;
    static final int EINVAL = 22;
    static final int ENOSYS = 38;
    static final int EMSGSIZE = 90;
    static final int ENOPROTOOPT = 92;
    static final int EOPNOTSUPP = 95;
    static final int EADDRINUSE = 98;
    static final int ENOBUFS = 105;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final VarHandle ERRNO_VALUE = Linker.Option.captureStateLayout()
            .varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));

    private final MethodHandle socket;
    private final MethodHandle setsockopt;
    private final MethodHandle bind;
    private final MethodHandle sendmmsg;
    private final MethodHandle recv;
    private final MethodHandle getsockname;
    private final MethodHandle close;
    private final MethodHandle strerror;

    Libc() {
        SymbolLookup libc = LINKER.defaultLookup();
        socket = find(libc, "socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), true);
        setsockopt = find(libc, "setsockopt",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), true);
        bind = find(libc, "bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), true);
        sendmmsg = find(libc, "sendmmsg", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), true);
        recv = find(libc, "recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), true);
        getsockname = find(libc, "getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), true);
        close = find(libc, "close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), false);
        strerror = find(libc, "strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT), false);
    }

    private static MethodHandle find(SymbolLookup libc, String name, FunctionDescriptor descriptor, boolean errno) {
        MemorySegment symbol = libc.find(name).orElseThrow(() -> new UnsatisfiedLinkError("no " + name + " in libc"));
        return errno ? LINKER.downcallHandle(symbol, descriptor, ERRNO) : LINKER.downcallHandle(symbol, descriptor);
    }

    /** A segment for the calls' {@code errno}; one per thread that calls. */
    static MemorySegment errnoSegment(Arena arena) {
        return arena.allocate(Linker.Option.captureStateLayout());
    }

    static int errno(MemorySegment state) {
        return (int) ERRNO_VALUE.get(state, 0L);
    }

    int socket(MemorySegment state, int domain, int type, int protocol) {
        try {
            return (int) socket.invokeExact(state, domain, type, protocol);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    int setsockopt(MemorySegment state, int fd, int level, int name, MemorySegment value, int length) {
        try {
            return (int) setsockopt.invokeExact(state, fd, level, name, value, length);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    int bind(MemorySegment state, int fd, MemorySegment address, int length) {
        try {
            return (int) bind.invokeExact(state, fd, address, length);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** sendmmsg(2): messages sent from the first, or -1 when the first failed. */
    int sendmmsg(MemorySegment state, int fd, MemorySegment messages, int count, int flags) {
        try {
            return (int) sendmmsg.invokeExact(state, fd, messages, count, flags);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    long recv(MemorySegment state, int fd, MemorySegment buffer, long length, int flags) {
        try {
            return (long) recv.invokeExact(state, fd, buffer, length, flags);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    int getsockname(MemorySegment state, int fd, MemorySegment address, MemorySegment length) {
        try {
            return (int) getsockname.invokeExact(state, fd, address, length);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    void close(int fd) {
        try {
            int ignored = (int) close.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The C library's text for an error number, e.g. "Operation not permitted (EPERM 1)". */
    String describe(int errno) {
        try {
            MemorySegment text = (MemorySegment) strerror.invokeExact(errno);
            return text.reinterpret(256).getString(0) + " (errno " + errno + ")";
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }
}
