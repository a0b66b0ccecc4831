/**
 * Our SLF4J 2 backend: every logger writes whole lines, Redis-like or JSON, to stdout or the {@code logfile}, at
 * Redis's {@code loglevel}, and to syslog with {@code syslog-enabled yes}; events arrive on the {@code sentinel.events}
 * logger. It depends on SLF4J and the JDK only, so that it works before anything else is set up; {@code Syslog} alone
 * uses Netty's native AF_UNIX datagram socket, loaded only once syslog is turned on.
 */
package io.sentinel.server.logging;
