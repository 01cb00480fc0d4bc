package gatehouse.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.testing.Eventually;
import gatehouse.testing.FreePorts;
import gatehouse.testing.TestApp;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/nginx/gatehouse.conf, the TLS site of the README, checked by {@code nginx -t} and then run in
 * front of Gatehouse with a throw-away self-signed certificate.
 */
class NginxSiteTest {
    private static final Path SITE = Path.of("deploy", "nginx", "gatehouse.conf");

    @TempDir
    Path dir;

    private Process nginx;

    @BeforeEach
    void makeCertificate() {
        Tool.Result made = Tool.run(dir, List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", "tls.key", "-out", "tls.crt"));
        assertEquals(0, made.exitCode(), made.output());
    }

    @AfterEach
    void stopNginx() throws InterruptedException {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The site as shipped, with only the certificate paths pointed at the throw-away pair. */
    private String siteWithTestCertificate() throws IOException {
        return Files.readString(SITE)
                .replaceAll("ssl_certificate\\s+\\S+;", "ssl_certificate " + dir.resolve("tls.crt") + ";")
                .replaceAll("ssl_certificate_key\\s+\\S+;", "ssl_certificate_key " + dir.resolve("tls.key") + ";");
    }

    /** A minimal main configuration around the site, with every path nginx writes in the temporary directory. */
    private Path mainConfig(String site) throws IOException {
        Path sitePath = dir.resolve("gatehouse.conf");
        Files.writeString(sitePath, site);
        Path main = dir.resolve("nginx.conf");
        Files.writeString(main, String.join("\n",
                "worker_processes 1;",
                "pid " + dir.resolve("nginx.pid") + ";",
                "events {}",
                "http {",
                "  access_log off;",
                "  client_body_temp_path " + dir.resolve("body") + ";",
                "  proxy_temp_path " + dir.resolve("proxy") + ";",
                "  include " + sitePath + ";",
                "}", ""));
        return main;
    }

    private List<String> nginx(Path main, String... more) {
        var command = new java.util.ArrayList<>(List.of("nginx", "-p", dir.toString(), "-c", main.toString(),
                "-e", dir.resolve("error.log").toString()));
        command.addAll(List.of(more));
        return command;
    }

    @Test
    void nginx_t_accepts_the_site_without_a_warning_about_it() throws IOException {
        Tool.Result result = Tool.run(dir, nginx(mainConfig(siteWithTestCertificate()), "-t"));

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("test is successful"), result.output());
        assertFalse(result.output().contains("gatehouse.conf:"), "nginx complained about the site: " + result.output());
    }

    @Test
    void behind_the_site_gatehouse_sees_https_and_plain_http_is_redirected() throws Exception {
        try (TestApp app = TestApp.builder().set("server.trusted-proxies", "127.0.0.1").start()) {
            int http = freePort();
            int https = freePort();
            // Only the ports change, and IPv6 listeners go (the test machine may lack IPv6).
            String site = siteWithTestCertificate()
                    .replaceAll("(?m)^\\s*listen \\[::\\].*$", "")
                    .replace("listen 80;", "listen 127.0.0.1:" + http + ";")
                    .replace("listen 443 ssl http2;", "listen 127.0.0.1:" + https + " ssl http2;")
                    .replace("server 127.0.0.1:8080;", "server 127.0.0.1:" + app.javalin().port() + ";");
            nginx = Tool.start(dir, nginx(mainConfig(site), "-g", "daemon off;"), dir.resolve("nginx.out"));
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(dir.resolve("tls.crt")))
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
            URI login = URI.create("https://localhost:" + https + "/login");
            Eventually.within(Duration.ofSeconds(10), "nginx answers on " + login, () -> answers(client, login));

            HttpResponse<String> page = client.send(HttpRequest.newBuilder(login).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> plain = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + http + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + https + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, page.statusCode(), page.body());
            // Gatehouse marks cookies Secure only when it believes the request came over HTTPS: X-Forwarded-Proto got through.
            List<String> cookies = page.headers().allValues("Set-Cookie");
            assertFalse(cookies.isEmpty(), "the login page sets its pre-session cookie");
            cookies.forEach(cookie -> assertTrue(cookie.contains("; Secure"), cookie));
            assertTrue(page.headers().firstValue("Strict-Transport-Security").isPresent(), "HSTS");
            assertEquals(301, plain.statusCode());
            assertEquals("https://localhost/login", plain.headers().firstValue("Location").orElse(""));
            assertEquals(404, metrics.statusCode(), "/metrics is not served to the internet");
        }
    }

    private static boolean answers(HttpClient client, URI uri) {
        try {
            client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** An SSL context that trusts exactly the throw-away certificate (host names are still checked). */
    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            store.setCertificateEntry("test", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static int freePort() {
        return FreePorts.outsideEphemeralRange();
    }
}
