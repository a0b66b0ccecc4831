package io.sentinel.server.e2e;

import io.sentinel.server.it.SentinelProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** GETs from a sentinel's HTTP side (/metrics, /healthz, /readyz) on 127.0.0.1, with a timeout on every request. */
final class MetricsHttp {
    static final String OPENMETRICS_ACCEPT = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private MetricsHttp() {
    }

    static HttpResponse<String> get(SentinelProcess s, String path) {
        return get(s, path, null);
    }

    /** GET {@code path}; {@code accept} null sends no Accept header (as a plain Prometheus text scraper might). */
    static HttpResponse<String> get(SentinelProcess s, String path, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.metricsPort() + path))
                .timeout(TIMEOUT).GET();
        if (accept != null) b.header("Accept", accept);
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " on sentinel port " + s.port(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A 200 text scrape of /metrics, parsed. */
    static PromText scrape(SentinelProcess s) {
        HttpResponse<String> r = get(s, "/metrics");
        if (r.statusCode() != 200) throw new AssertionError("/metrics answered " + r.statusCode() + ": " + r.body());
        return PromText.parse(r.body());
    }
}
