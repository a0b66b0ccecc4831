/**
 * {@code sentinel demo}: a local master, two replicas and three sentinels on free loopback ports, a writer going
 * through them and a live status table of a failover. The only package that uses Lettuce (a client of our sentinels;
 * {@code DaemonDependenciesTest} keeps it out of the daemon). Of ours it depends on {@code logging} only: the sentinels
 * it starts are processes of their own.
 */
package io.sentinel.server.demo;
