package gatehouse.oidc;

import static org.junit.jupiter.api.Assertions.fail;

import gatehouse.testing.Directories;
import gatehouse.testing.Eventually;
import gatehouse.testing.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.UUID;

/**
 * An unmodified Apache httpd with mod_auth_openidc, started for a test with a config of its own (its own
 * server root files, pid file and a free port; nothing of the system's configuration is read or touched).
 * It protects {@code /protected/}, whose page echoes the claims the module passes on.
 */
final class Httpd implements AutoCloseable {
    static final String BINARY = "/usr/sbin/apache2";
    static final String MODULES = "/usr/lib/apache2/modules";

    final int port;
    final Path dir;
    private final Process process;

    private Httpd(int port, Path dir, Process process) {
        this.port = port;
        this.dir = dir;
        this.process = process;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    static int freePort() {
        return FreePorts.outsideEphemeralRange();
    }

    static Httpd start(int port, String issuer, String clientId, String clientSecret) throws IOException {
        if (!Files.isExecutable(Path.of(BINARY)) || !Files.exists(Path.of(MODULES, "mod_auth_openidc.so"))) {
            fail("Apache httpd with mod_auth_openidc is missing: apt-get install apache2 libapache2-mod-auth-openidc");
        }
        // In the system's temporary directory, not under target/: Apache's workers run as www-data, which must be able
        // to walk down to the files, and a checkout may sit in a directory only its owner can enter (mktemp -d makes
        // one). setReadable opens this directory to them; close() deletes it.
        Path dir = Files.createTempDirectory("gatehouse-httpd-");
        Path htdocs = Files.createDirectories(dir.resolve("htdocs/protected"));
        Files.writeString(htdocs.resolve("index.shtml"), """
                <!DOCTYPE html>
                <html><head><title>Protected</title></head><body>
                <h1 id="who"><!--#echo var="OIDC_CLAIM_preferred_username" --></h1>
                <p id="name"><!--#echo var="OIDC_CLAIM_name" --></p>
                <p id="role"><!--#echo var="OIDC_CLAIM_role" --></p>
                <a id="logout" href="/protected/redirect_uri?logout=%s">Log out</a>
                </body></html>
                """.formatted(java.net.URLEncoder.encode("http://localhost:" + port + "/loggedout.html",
                java.nio.charset.StandardCharsets.UTF_8)));
        Files.writeString(dir.resolve("htdocs/loggedout.html"),
                "<!DOCTYPE html><html><head><title>Bye</title></head><body><p id=\"bye\">You are logged out of the wiki.</p></body></html>\n");
        Files.writeString(dir.resolve("httpd.conf"), """
                ServerRoot %1$s
                PidFile %2$s/httpd.pid
                DefaultRuntimeDir %2$s
                Listen 127.0.0.1:%3$d
                ServerName localhost
                ErrorLog %2$s/error.log
                LogLevel warn auth_openidc:info
                User www-data
                Group www-data
                LoadModule mpm_event_module modules/mod_mpm_event.so
                LoadModule authz_core_module modules/mod_authz_core.so
                LoadModule authn_core_module modules/mod_authn_core.so
                LoadModule authz_user_module modules/mod_authz_user.so
                LoadModule mime_module modules/mod_mime.so
                LoadModule dir_module modules/mod_dir.so
                LoadModule include_module modules/mod_include.so
                LoadModule auth_openidc_module modules/mod_auth_openidc.so
                TypesConfig /etc/mime.types
                DocumentRoot %2$s/htdocs
                <Directory %2$s/htdocs>
                    Options +Includes
                    Require all granted
                </Directory>
                AddType text/html .shtml
                AddOutputFilter INCLUDES .shtml
                DirectoryIndex index.shtml index.html

                # The ten lines of the README's example.
                OIDCProviderMetadataURL %4$s/.well-known/openid-configuration
                OIDCClientID %5$s
                OIDCClientSecret %6$s
                OIDCRedirectURI http://localhost:%3$d/protected/redirect_uri
                OIDCCryptoPassphrase %7$s
                OIDCScope "openid profile"
                OIDCPKCEMethod S256
                <Location /protected>
                    AuthType openid-connect
                    Require valid-user
                </Location>
                """.formatted("/usr/lib/apache2", dir, port, issuer, clientId, clientSecret, UUID.randomUUID()));
        setReadable(dir);
        Process process = new ProcessBuilder(BINARY, "-f", dir.resolve("httpd.conf").toString(), "-DFOREGROUND")
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        var httpd = new Httpd(port, dir, process);
        try {
            Eventually.within(Duration.ofSeconds(20), "httpd listens on " + port, () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("httpd stopped: " + httpd.log());
                }
                try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    return true;
                } catch (IOException notYet) {
                    return false;
                }
            });
        } catch (RuntimeException | AssertionError e) {
            httpd.close();
            throw e;
        }
        return httpd;
    }

    String log() {
        try {
            String out = Files.exists(dir.resolve("stdout.log")) ? Files.readString(dir.resolve("stdout.log")) : "";
            String err = Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : "";
            return out + err;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void setReadable(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Directories.delete(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
