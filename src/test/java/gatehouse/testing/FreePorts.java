package gatehouse.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers a test starts outside the JVM (Apache, nginx), which must be told their port before they bind it.
 * A port the kernel hands out for {@code bind(0)} is free only until it is handed out again: to a test app in the
 * other test JVM, to a database connection or to Chromium, and then the server fails to bind it while the test
 * talks to whoever took it. These come from below the kernel's ephemeral range (32768 and up by default), which
 * the kernel never hands out by itself.
 */
public final class FreePorts {
    private static final int LOWEST = 20_000;
    private static final int BELOW_EPHEMERAL = 32_768;

    private FreePorts() {}

    /** A port no one listens on now, outside the range the kernel assigns on its own. */
    public static int outsideEphemeralRange() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, BELOW_EPHEMERAL);
            try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + BELOW_EPHEMERAL);
    }
}
