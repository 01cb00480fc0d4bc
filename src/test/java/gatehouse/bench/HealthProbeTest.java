package gatehouse.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The probe that times the bench's starts: only a 200 from /health counts as started. */
class HealthProbeTest {

    @Test
    void nothing_listening_yet_is_not_started() throws Exception {
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        assertFalse(HealthProbe.answers200(port));
    }

    @Test
    void a_200_from_health_is_started() throws Exception {
        assertTrue(probeServerAnswering(200));
    }

    @Test
    void any_other_answer_is_not_started() throws Exception {
        assertFalse(probeServerAnswering(503));
    }

    /** The probe's verdict on a server whose /health answers {@code status}. */
    private static boolean probeServerAnswering(int status) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        try {
            return HealthProbe.answers200(server.getAddress().getPort());
        } finally {
            server.stop(0);
        }
    }
}
