/**
 * Our RESP client to Redis instances and peer sentinels: {@code LinkManager} runs the core's link actions (open and
 * close, PING, INFO, hello, vote requests, promotion, repointing) over one link per target and turns every reply,
 * failure and connection change into a core input, exactly one per command; names resolve off the event loops
 * ({@code ResolverThreads}, {@code FreshAddresses}). It may depend on sentinel-core (actions, inputs, model),
 * {@code tls} and {@code transport}; not on {@code runtime} (the daemon hands it the event loops, the clock and the
 * input sink) nor on the RESP server.
 */
package io.sentinel.server.link;
