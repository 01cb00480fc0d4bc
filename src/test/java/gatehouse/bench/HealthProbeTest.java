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
        HttpServer server = serverAnswering(200);
        try {
            assertTrue(HealthProbe.answers200(server.getAddress().getPort()));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void any_other_answer_is_not_started() throws Exception {
        HttpServer server = serverAnswering(503);
        try {
            assertFalse(HealthProbe.answers200(server.getAddress().getPort()));
        } finally {
            server.stop(0);
        }
    }

    private static HttpServer serverAnswering(int status) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return server;
    }
}
