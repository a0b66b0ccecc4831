package io.sentinel.server.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.server.tls.HandshakeFailures;
import io.sentinel.server.tls.Tls;
import java.util.function.ToLongFunction;

/** The TLS meters: expiry of the certificate in use and failed handshakes, per use (server, links). */
final class TlsMeters {
    private TlsMeters() {
    }

    static void bind(MeterRegistry registry, Tls tls) {
        if (tls == null) return;
        if (tls.server() != null) {
            expiry(registry, "server", tls.server(), s -> s.notAfterEpochSeconds());
            failures(registry, "server", tls.server().failures());
        }
        if (tls.client() != null) {
            expiry(registry, "links", tls.client(), c -> c.notAfterEpochSeconds());
            failures(registry, "links", tls.client().failures());
        }
    }

    private static <T> void expiry(MeterRegistry registry, String use, T source, ToLongFunction<T> notAfter) {
        Gauge.builder(SentinelMetrics.TLS_CERT_EXPIRY, source, s -> notAfter.applyAsLong(s))
                .description("Not-after date of the TLS certificate in use, in seconds since the epoch")
                .baseUnit("seconds").tag(SentinelMetrics.L_USE, use).strongReference(true).register(registry);
    }

    private static void failures(MeterRegistry registry, String use, HandshakeFailures failures) {
        FunctionCounter.builder(SentinelMetrics.TLS_HANDSHAKE_FAILURES, failures, f -> f.total())
                .description("Failed TLS handshakes").tag(SentinelMetrics.L_USE, use).register(registry);
    }
}
