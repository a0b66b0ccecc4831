/**
 * {@link io.sentinel.server.reply.Resp}, a reply value independent of the protocol version, which {@code resp}
 * encodes as RESP2 or RESP3. Depends on nothing.
 */
package io.sentinel.server.reply;
