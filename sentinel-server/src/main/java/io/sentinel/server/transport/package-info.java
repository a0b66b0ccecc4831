/**
 * The Netty resources the shell shares: {@code NettyResources} picks epoll or NIO once, makes the event-loop groups of
 * the RESP server, the links and the HTTP server (each role its own threads) and shuts them down when its owner, the
 * daemon, has closed all three. It depends on Netty alone and on none of our packages, so that every I/O package can
 * borrow from it.
 */
package io.sentinel.server.transport;
