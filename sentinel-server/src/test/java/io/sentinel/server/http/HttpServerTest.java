package io.sentinel.server.http;

import static io.sentinel.server.http.MetricsFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.model.Address;
import io.sentinel.core.view.InstanceView;
import io.sentinel.core.view.MasterView;
import io.sentinel.core.view.SentinelView;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpServerTest {
    private static final long NOW = 500_000;

    private final AtomicLong clock = new AtomicLong(NOW);
    private final AtomicLong lastStep = new AtomicLong(NOW - 100);
    private final AtomicReference<SentinelView> view = new AtomicReference<>(healthy(2, NOW));
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private SentinelMetrics metrics;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        metrics = new SentinelMetrics(view::get, clock::get, () -> 1, () -> 0);
        server = new HttpServer("127.0.0.1", 0, metrics, new Health(view::get, lastStep::get, clock::get));
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    private HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (headers.length > 0) b.headers(headers);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsAnswersPrometheusText() throws Exception {
        HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode());
        assertEquals(SentinelMetrics.TEXT_CONTENT_TYPE, r.headers().firstValue("content-type").orElseThrow());
        assertEquals(2, new Scrape(r.body()).value("redis_sentinel_masters"));
    }

    @Test
    void metricsNegotiatesOpenMetrics() throws Exception {
        HttpResponse<String> r = get("/metrics", "Accept",
                "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");
        assertEquals(200, r.statusCode());
        assertEquals(SentinelMetrics.OPENMETRICS_CONTENT_TYPE, r.headers().firstValue("content-type").orElseThrow());
        assertTrue(r.body().endsWith("# EOF\n"));
    }

    @Test
    void healthzIsOkWhileTheCoreSteps() throws Exception {
        HttpResponse<String> r = get("/healthz");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("content-type").orElseThrow());
        assertEquals("{\"status\":\"ok\"}\n", r.body());
    }

    @Test
    void healthzFailsWhenTheCoreLoopIsStale() throws Exception {
        lastStep.set(NOW - Health.CORE_STEP_DEADLINE_MILLIS - 500);
        HttpResponse<String> r = get("/healthz");
        assertEquals(503, r.statusCode());
        assertEquals("{\"status\":\"unhealthy\",\"reasons\":[\"core loop last stepped 2500 ms ago (deadline 2000 ms)\"]}\n",
                r.body());
        lastStep.set(0);
        assertTrue(get("/healthz").body().contains("core loop has not run a step yet"));
    }

    @Test
    void readyzIsOkWithLinksAndQuorum() throws Exception {
        HttpResponse<String> r = get("/readyz");
        assertEquals(200, r.statusCode());
        assertEquals("{\"status\":\"ready\"}\n", r.body());
    }

    @Test
    void readyzSaysWhyNotReady() throws Exception {
        Address a = new Address("127.0.0.1", 6379);
        InstanceView neverUp = master("cache", a, List.of("master", "disconnected"), false, 0, null);
        InstanceView up = master("mymaster", new Address("127.0.0.1", 6479), List.of("master"), true, NOW - 10, null);
        List<InstanceView> peers = List.of(peer(new Address("127.0.0.1", 26380), List.of("s_down", "sentinel"), false),
                peer(new Address("127.0.0.1", 26381), List.of("s_down", "sentinel"), false));
        MasterView cache = masterView(neverUp, 1, 0, List.of(), List.of(), "none");
        MasterView mymaster = masterView(up, 2, 0, List.of(), peers, "none");
        view.set(view(NOW, 0, false, List.of(cache, mymaster)));
        HttpResponse<String> r = get("/readyz");
        assertEquals(503, r.statusCode());
        assertEquals("{\"status\":\"not ready\",\"reasons\":[\"cache: link to master 127.0.0.1:6379 never "
                + "established\",\"mymaster: no quorum (1/2 usable)\"]}\n", r.body());
        view.set(null);
        assertEquals("{\"status\":\"not ready\",\"reasons\":[\"config not loaded\"]}\n", get("/readyz").body());
    }

    @Test
    void unknownPathsAre404AndOtherMethods405() throws Exception {
        assertEquals(404, get("/").statusCode());
        assertEquals(404, get("/metrics/extra").statusCode());
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build();
        assertEquals(405, client.send(post, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, get("/metrics?x=1").statusCode());
    }

    @Test
    void aPortInUseFailsStartWithTheAddress() {
        HttpServer second = new HttpServer("127.0.0.1", server.port(), metrics,
                new Health(view::get, lastStep::get, clock::get));
        IOException e = assertThrows(IOException.class, second::start);
        assertTrue(e.getMessage().contains("127.0.0.1:" + server.port()), e.getMessage());
        second.close();
    }

    @Test
    void headAnswersHeadersOnly() throws Exception {
        HttpRequest head = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> r = client.send(head, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("", r.body());
        assertEquals("16", r.headers().firstValue("content-length").orElseThrow());
    }

    @Test
    void closeReleasesThePort() throws Exception {
        int port = server.port();
        server.close();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build();
        assertThrows(IOException.class, () -> client.send(probe, HttpResponse.BodyHandlers.ofString()));
        try (HttpServer again = new HttpServer("127.0.0.1", port, metrics,
                new Health(view::get, lastStep::get, clock::get))) {
            again.start();
            assertEquals(port, again.port());
        }
    }
}
