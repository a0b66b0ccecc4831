package io.sentinel.server.it;

import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

/**
 * Certificates made at test time with the {@code openssl} CLI, in a temp dir: a CA with a server certificate (for
 * 127.0.0.1, usable as a client certificate too, as Redis uses it for replication) and a client certificate, and
 * a second CA with its own client certificate for the "wrong CA" cases. EC P-256 keys: quick to make.
 */
public final class TestCerts implements AutoCloseable {
    public final Path dir;

    private TestCerts(Path dir) {
        this.dir = dir;
    }

    public static TestCerts create() {
        try {
            TestCerts c = new TestCerts(Files.createTempDirectory("sentinel-it-certs-"));
            Files.writeString(c.dir.resolve("ext.cnf"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                    + "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\n");
            c.ca("ca");
            c.issue("ca", "server", 2);
            c.issue("ca", "client", 2);
            c.ca("other-ca");
            c.issue("other-ca", "other-client", 2);
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** A new key and certificate {@code name}.crt/.key signed by {@code ca}, valid {@code days} days. */
    public void issue(String ca, String name, int days) {
        openssl("req", "-new", "-nodes", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name);
        openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key",
                "-set_serial", Long.toString(System.nanoTime()), "-days", Integer.toString(days),
                "-extfile", "ext.cnf", "-out", name + ".crt");
    }

    /** The not-after date of certificate file {@code name}, in seconds since the epoch. */
    public long notAfter(String name) {
        try (var in = Files.newInputStream(file(name))) {
            var cert = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory
                    .getInstance("X.509").generateCertificate(in);
            return cert.getNotAfter().toInstant().getEpochSecond();
        } catch (IOException | java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    private void ca(String name) {
        openssl("req", "-x509", "-new", "-nodes", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-keyout", name + ".key", "-out", name + ".crt", "-days", "3", "-subj", "/CN=Test " + name);
    }

    /** redis-server arguments for TLS only on {@code port}: replication and clients with certificates. */
    public List<String> redisArgs(int port) {
        return List.of("--port", "0", "--tls-port", Integer.toString(port), "--tls-cert-file", path("server.crt"),
                "--tls-key-file", path("server.key"), "--tls-ca-cert-file", path("ca.crt"),
                "--tls-replication", "yes", "--tls-auth-clients", "yes");
    }

    /** sentinel.conf lines for TLS (without the ports): the server certificate, the CA, TLS links. */
    public List<String> sentinelLines() {
        return new ArrayList<>(List.of("tls-cert-file " + path("server.crt"), "tls-key-file " + path("server.key"),
                "tls-ca-cert-file " + path("ca.crt"), "tls-replication yes", "tls-auth-clients yes"));
    }

    /** A client trusting {@code ca}, presenting {@code cert} (null: no certificate). */
    public SSLSocketFactory socketFactory(String ca, String cert) {
        try {
            SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    .trustManager(file(ca + ".crt").toFile());
            if (cert != null) b.keyManager(file(cert + ".crt").toFile(), file(cert + ".key").toFile());
            return ((JdkSslContext) b.build()).context().getSocketFactory();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The client our tests use: trusts the CA, presents the client certificate. */
    public SSLSocketFactory clientFactory() {
        return socketFactory("ca", "client");
    }

    private String path(String name) {
        return file(name).toString();
    }

    /** Runs openssl in the certificates' directory (file names relative to it). */
    public void openssl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("openssl failed: " + cmd + "\n" + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
