/**
 * Metrics and probes over HTTP: {@code HttpServer} serves {@code /metrics} (Prometheus text or OpenMetrics),
 * {@code /healthz} and {@code /readyz} on an event loop of its own; {@code SentinelMetrics} owns every metric name,
 * reads its gauges from the core's latest view when scraped and counts the events the core emits, by their fields. With
 * {@code --metrics-port -1} no class of it (nor Micrometer) loads. It may depend on sentinel-core (view, events, model,
 * config), Micrometer, {@code tls} (certificate meters) and {@code transport}; not on {@code runtime}: the daemon hands
 * it the view, the clock and the event loop.
 */
package io.sentinel.server.http;
