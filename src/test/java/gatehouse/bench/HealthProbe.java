package gatehouse.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One {@code GET /health} over a plain socket, for timing a start: polled every 5 ms while the server starts
 * on the same two cores, the JDK's HttpClient cost the bench ~0.7 s of CPU per start (a refused connection is
 * an exception through its selector and executor threads) and added 0.3-0.4 s to the time measured; this
 * costs ~0.15 s of CPU per start and measures what a C poller measures.
 */
final class HealthProbe {
    private static final byte[] REQUEST = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private HealthProbe() {}

    /** True when the server on {@code port} answers 200; false when nothing listens yet or it answers otherwise. */
    static boolean answers200(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(REQUEST);
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return statusLine != null && statusLine.matches("HTTP/1\\.[01] 200( .*)?");
        } catch (ConnectException refused) {
            return false;
        }
    }
}
