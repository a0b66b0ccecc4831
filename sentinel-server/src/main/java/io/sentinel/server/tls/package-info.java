/**
 * TLS for the RESP listener ({@code tls-port}) and the links ({@code tls-replication}): the {@code tls-*} settings,
 * Netty contexts on the JDK's engine that follow their files, handshake failure counts, and the port our hellos
 * announce. It may depend on sentinel-core's config, Netty and the JDK; on no other shell package.
 */
package io.sentinel.server.tls;
