/**
 * The opt-in master label on Redis pods ({@code kubernetes-*} directives): {@code PodLabeler} compares the labels this
 * sentinel's view asks for ({@code DesiredLabels}) with those it last set, on a thread of its own, and patches the
 * differences through the Kubernetes API with the JDK's HTTP client ({@code PodsApi}). It may depend on sentinel-core
 * (view, events, model) and the JDK; the daemon hands it the view, the events and the clock, and only the daemon, which
 * starts it, depends on it.
 */
package io.sentinel.server.kubernetes;
