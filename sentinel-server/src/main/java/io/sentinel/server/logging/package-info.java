/**
 * Our SLF4J 2 backend: every logger writes whole lines, Redis-like or JSON, to stdout or the {@code logfile}, at
 * Redis's {@code loglevel}; events arrive on the {@code sentinel.events} logger. It depends on SLF4J and the JDK only,
 * so that it works before anything else is set up.
 */
package io.sentinel.server.logging;
