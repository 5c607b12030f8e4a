package dev.augur.supervisor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Loopback ports for the components this gateway starts. The kernel picks a free port, but once the probing socket
 * is closed the same port can be picked again before the component's JVM (~0.5 s to start) or container binds it:
 * two components started together then got the same port, and the later one failed to bind (seen in CI: a
 * transformer and an explainer both on one port, the transformer exited with code 1). So a port handed out is not
 * handed out again for {@link #RESERVED_NANOS}, the time a component has to bind it. Another process can still take
 * a port in between; that component then fails and is restarted on another port after its back-off.
 */
final class LocalPorts {
    /** How long a port handed out stays reserved for the component it went to. */
    static final long RESERVED_NANOS = 120_000_000_000L;
    /** Picks before giving up (the kernel choosing only reserved ports this often means the range is exhausted). */
    private static final int ATTEMPTS = 64;

    private static final LocalPorts SHARED = new LocalPorts(LocalPorts::kernelPick, System::nanoTime);

    private record Handed(int port, long at) {
    }

    /** Where a free port comes from: the kernel, or a test's sequence. */
    interface Pick {
        int port() throws IOException;
    }

    private final Pick pick;
    private final LongSupplier clock;
    private final Deque<Handed> handed = new ArrayDeque<>();

    LocalPorts(Pick pick, LongSupplier clock) {
        this.pick = pick;
        this.clock = clock;
    }

    /** A loopback port free right now and not handed out to another component in the last two minutes. */
    static int free() throws IOException {
        return SHARED.next();
    }

    synchronized int next() throws IOException {
        long now = clock.getAsLong();
        while (!handed.isEmpty() && now - handed.peekFirst().at() > RESERVED_NANOS) {
            handed.removeFirst();
        }
        for (int i = 0; i < ATTEMPTS; i++) {
            int port = pick.port();
            if (handed.stream().noneMatch(h -> h.port() == port)) {
                handed.addLast(new Handed(port, now));
                return port;
            }
        }
        throw new IOException("no free loopback port: the kernel offered only ports given to other components");
    }

    private static int kernelPick() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
