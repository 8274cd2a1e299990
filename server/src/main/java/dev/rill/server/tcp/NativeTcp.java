package dev.rill.server.tcp;

import java.nio.channels.SocketChannel;
import java.util.Optional;

/**
 * The direct send's native side: {@code LinuxTcp}, which exists only in the jar's
 * {@code META-INF/versions/22} and is looked up by name, only where the native UDP path already
 * runs (so the JVM is 22+ on Linux).
 */
interface NativeTcp {

    String IMPLEMENTATION = "dev.rill.server.tcp.LinuxTcp";

    /** Why direct sends cannot run in this JVM (the socket's descriptor is out of reach); empty when they can. */
    Optional<String> unavailable();

    /** A direct send for {@code channel}, not yet {@link DirectSend#open opened}. */
    DirectSend of(SocketChannel channel);

    static Optional<NativeTcp> load(StringBuilder why) {
        try {
            return Optional.of((NativeTcp) Class.forName(IMPLEMENTATION).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            why.append("its release-22 classes are missing or cannot load (").append(e).append(')');
            return Optional.empty();
        }
    }
}
