package dev.rill.server.tcp;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.channels.SocketChannel;
import java.util.Optional;

/**
 * Direct sends on Linux (release 22). The JDK keeps a channel's descriptor to itself: it is read
 * through {@code sun.nio.ch.SelChImpl}, which the jar's manifest exports to Rill
 * ({@code Add-Exports}); where the JVM was started without that export, direct sends are off.
 * Each connection sends on its own {@code dup(2)} of the descriptor, so a socket the JDK closes
 * stays valid, and its number unreused, until this side closes its copy.
 */
final class LinuxTcp implements NativeTcp {

    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    /** Calls interrupted in a row before a send gives up for now (the writer thread takes the frame). */
    private static final int MAX_INTERRUPTS = 64;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final VarHandle ERRNO = Linker.Option.captureStateLayout()
            .varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private final MethodHandle dup;
    private final MethodHandle send;
    private final MethodHandle close;
    private final Optional<Method> descriptor;
    private final Optional<String> unavailable;

    LinuxTcp() {
        SymbolLookup libc = LINKER.defaultLookup();
        dup = LINKER.downcallHandle(libc.find("dup").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        // critical: a short call that never blocks (MSG_DONTWAIT), reading the Java array in place.
        send = LINKER.downcallHandle(libc.find("send").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT),
                Linker.Option.captureCallState("errno"), Linker.Option.critical(true));
        close = LINKER.downcallHandle(libc.find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        Optional<Method> found = Optional.empty();
        String why = null;
        try (SocketChannel probe = SocketChannel.open()) {
            Method m = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFDVal");
            m.invoke(probe);
            found = Optional.of(m);
        } catch (IllegalAccessException e) {
            why = "the JVM does not export sun.nio.ch to Rill (java -jar takes the export from the jar's manifest;"
                    + " otherwise add --add-exports java.base/sun.nio.ch=ALL-UNNAMED)";
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            why = "cannot read a channel's descriptor: " + e;
        }
        descriptor = found;
        unavailable = Optional.ofNullable(why);
    }

    @Override
    public Optional<String> unavailable() {
        return unavailable;
    }

    @Override
    public DirectSend of(SocketChannel channel) {
        return new Send(channel);
    }

    private final class Send implements DirectSend {

        private final SocketChannel channel;
        private final MemorySegment errno = Arena.ofAuto().allocate(Linker.Option.captureStateLayout());
        /** This side's copy of the descriptor: -1 before {@link #open}, -2 once closed. */
        private int fd = -1;

        Send(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public synchronized void open() throws IOException {
            if (fd != -1) {
                return;
            }
            if (!channel.isOpen()) {
                throw new IOException("the connection is closed");
            }
            int original;
            try {
                original = (int) descriptor.orElseThrow().invoke(channel);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IOException("cannot read the connection's descriptor: " + e, e);
            }
            int copy;
            try {
                copy = (int) dup.invokeExact(original);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            if (copy < 0) {
                throw new IOException("dup(" + original + ") failed");
            }
            fd = copy;
        }

        @Override
        public synchronized int send(byte[] bytes, int offset, int length) {
            if (fd < 0) {
                return fd == -1 ? 0 : -1;
            }
            MemorySegment from = MemorySegment.ofArray(bytes).asSlice(offset, length);
            for (int interrupts = 0; interrupts < MAX_INTERRUPTS; interrupts++) {
                long n;
                try {
                    n = (long) send.invokeExact(errno, fd, from, (long) length, MSG_DONTWAIT | MSG_NOSIGNAL);
                } catch (Throwable t) {
                    throw new IllegalStateException(t);
                }
                if (n >= 0) {
                    return (int) n;
                }
                int e = (int) ERRNO.get(errno, 0L);
                if (e == EAGAIN) {
                    return 0;
                }
                if (e != EINTR) {
                    return -1;
                }
            }
            return 0;
        }

        @Override
        public synchronized void close() {
            if (fd >= 0) {
                try {
                    int ignored = (int) close.invokeExact(fd);
                } catch (Throwable t) {
                    throw new IllegalStateException(t);
                }
            }
            fd = -2;
        }
    }
}
