package io.sentinel.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.model.Address;
import io.sentinel.server.it.Await;
import io.sentinel.server.it.ProcessScope;
import io.sentinel.server.it.RealSentinelProcess;
import io.sentinel.server.it.RedisProcess;
import io.sentinel.server.it.SentinelConf;
import io.sentinel.server.it.SentinelProcess;
import io.sentinel.server.it.TestCerts;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 9, TLS: a TLS-only topology (redis-server and sentinels with {@code port 0}, {@code tls-port} and
 * {@code tls-replication yes}), certificates made at test time by openssl.
 */
class TlsIT {
    static final Duration DEADLINE = Duration.ofSeconds(30);

    @RegisterExtension
    final ProcessScope processes = new ProcessScope();
    final TestCerts certs = TestCerts.create();
    RedisProcess master;
    final List<RedisProcess> replicas = new ArrayList<>();
    final List<SentinelProcess> sentinels = new ArrayList<>();

    @AfterEach
    void deleteCerts() {
        certs.close();
    }

    void startTopology(int ours, int real) {
        master = processes.add(RedisProcess.builder().name("redis").tls(certs).start());
        for (int i = 0; i < 2; i++) {
            replicas.add(processes.add(RedisProcess.builder().name("replica").tls(certs)
                    .replicaOf(master.address()).start()));
        }
        SentinelConf conf = new SentinelConf().tls(certs).monitor("mymaster", master.address(), 2)
                .downAfterMillis(1000).failoverTimeoutMillis(6000);
        for (int i = 0; i < ours; i++) sentinels.add(processes.add(new SentinelProcess(conf)));
        for (int i = 0; i < real; i++) sentinels.add(processes.add(new RealSentinelProcess(conf)));
        Topology.awaitDiscovery(sentinels, List.of("mymaster"), replicas.size(), DEADLINE);
    }

    String state() {
        return Topology.state(sentinels);
    }

    @Test
    void tlsOnlyTopologyRefusesClientsWithoutTrustedCertificatesAndFailsOver() {
        startTopology(3, 0);
        assertRefusesUntrustedClients(sentinels.get(0));
        failOverAndFollow();
    }

    /** Ours and redis-sentinel (the reference) answer and refuse the same clients. */
    @Test
    void mixedQuorumOverTlsFailsOver() {
        startTopology(2, 1);
        assertRefusesUntrustedClients(sentinels.get(0));
        assertRefusesUntrustedClients(sentinels.get(2));
        failOverAndFollow();
    }

    /** The reverse mix over TLS: one of ours, two Debian redis-sentinels. */
    @Test
    void mixedQuorumOneOursTwoRedisSentinelsOverTlsFailsOver() {
        startTopology(1, 2);
        failOverAndFollow();
    }

        void assertRefusesUntrustedClients(SentinelProcess s) {
        assertTrue(answersPing(certs.clientFactory(), s.port()), s + ": a client with a certificate of the CA");
        assertFalse(answersPing(certs.socketFactory("ca", null), s.port()), s + ": no client certificate");
        assertFalse(answersPing(certs.socketFactory("ca", "other-client"), s.port()), s + ": another CA's");
        assertFalse(answersPing(certs.socketFactory("other-ca", "client"), s.port()), s + ": server not trusted");
        assertFalse(answersPing(SocketFactory.getDefault(), s.port()), s + ": plain TCP on the TLS port");
    }

    void failOverAndFollow() {
        Address old = master.address();
        master.sigkill();
        Address[] agreed = new Address[1];
        Await.until(DEADLINE, "all sentinels agree on a new master", () -> {
            Address first = null;
            for (SentinelProcess x : sentinels) {
                Address a = x.masterAddress("mymaster");
                if (a == null || a.equals(old) || (first != null && !first.equals(a))) return false;
                first = a;
            }
            agreed[0] = first;
            return true;
        }, this::state);
        for (RedisProcess r : replicas) {
            if (r.address().equals(agreed[0])) continue;
            Await.until(DEADLINE, r + " replicates from " + agreed[0] + " over TLS",
                    () -> String.valueOf(agreed[0].port()).equals(r.replicationField("master_port"))
                            && "up".equals(r.replicationField("master_link_status")), this::state);
        }
    }

    @Test
    void certificateReplacedOnDiskIsUsedWithoutRestart() throws Exception {
        SentinelProcess s = processes.add(new SentinelProcess(new SentinelConf().tls(certs)));
        long before = peerNotAfter(s.port());
        certs.issue("ca", "renewed", 9);
        // as cert-manager and the kubelet do: new files moved in place, never written in place
        Files.move(certs.file("renewed.key"), certs.file("server.key"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        Files.move(certs.file("renewed.crt"), certs.file("server.crt"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        long renewed = certs.notAfter("server.crt");
        assertTrue(renewed > before, "the renewed certificate lasts longer");
        Await.until(Duration.ofSeconds(10), "new connections get the renewed certificate",
                () -> peerNotAfter(s.port()) == renewed, s::describe);
        Await.until(Duration.ofSeconds(10), "the expiry metric shows the renewed certificate",
                () -> MetricsHttp.get(s, "/metrics").body().contains(
                        "sentinel_tls_certificate_expiry_timestamp_seconds{use=\"server\"} " + (double) renewed),
                () -> MetricsHttp.get(s, "/metrics").body());
        assertTrue(answersPing(certs.clientFactory(), s.port()));
    }

    @Test
    void handshakeFailuresAreCountedAndLoggedOncePerAddress() throws Exception {
        master = processes.add(RedisProcess.builder().name("redis").tls(certs).start());
        // this sentinel trusts only the other CA: its links cannot verify the master (and it asks clients for no
        // certificate, so the fixture still reaches it)
        SentinelProcess s = processes.add(new SentinelProcess(new SentinelConf().tls(certs)
                .line("tls-ca-cert-file " + certs.file("other-ca.crt")).line("tls-auth-clients no")
                .monitor("mymaster", master.address(), 1).downAfterMillis(1000)));
        SSLSocketFactory distrusting = certs.socketFactory("other-ca", null);
        for (int i = 0; i < 5; i++) assertFalse(answersPing(distrusting, s.port()));
        Await.until(DEADLINE, "both sides counted", () -> {
            String m = MetricsHttp.get(s, "/metrics").body();
            return m.contains("sentinel_tls_handshake_failures_total{use=\"server\"} 5.0")
                    && counter(m, "links") >= 3;
        }, () -> MetricsHttp.get(s, "/metrics").body());
        // issue 13: promtool flags nothing with TLS on and handshakes failing
        Assumptions.assumingThat(Promtool.onPath(), () -> assertEquals(List.of(),
                Promtool.checkMetrics(MetricsHttp.get(s, "/metrics").body()), "promtool problems"));
        String log = Files.readString(s.logFile());
        // (the fixture's start-up probes may fail once before the port is ready, and then succeed)
        assertEquals(1, count(log, "TLS handshake from 127.0.0.1 failed: Received fatal alert: certificate_unknown"),
                log);
        assertEquals(1, count(log, "TLS handshake to " + master.address().host() + ":" + master.port()
                + " failed"), log);
    }

    static double counter(String metrics, String use) {
        String key = "sentinel_tls_handshake_failures_total{use=\"" + use + "\"} ";
        int i = metrics.indexOf(key);
        return i < 0 ? 0 : Double.parseDouble(metrics.substring(i + key.length()).split("\\s")[0]);
    }

    static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) n++;
        return n;
    }

    /** The not-after date (epoch seconds) of the certificate the server presents to a new connection. */
    long peerNotAfter(int port) throws IOException {
        try (SSLSocket socket = (SSLSocket) certs.clientFactory().createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(2000);
            socket.startHandshake();
            X509Certificate cert = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            return cert.getNotAfter().toInstant().getEpochSecond();
        }
    }

    /** True when a PING over a socket from {@code factory} gets +PONG; a refused handshake is false. */
    static boolean answersPing(SocketFactory factory, int port) {
        try (Socket socket = factory.createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(2000);
            socket.getOutputStream().write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            byte[] line = new byte[7];
            int n = in.readNBytes(line, 0, 7);
            return n == 7 && new String(line, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }
}
