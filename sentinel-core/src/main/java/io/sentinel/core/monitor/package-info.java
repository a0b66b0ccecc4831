/**
 * What the core knows of each monitored master and its instances: {@link io.sentinel.core.monitor.MasterState},
 * the data nodes ({@link io.sentinel.core.monitor.NodeState}, {@link io.sentinel.core.monitor.ReplicaState}), the peer
 * sentinels ({@link io.sentinel.core.monitor.PeerState}) and the links; and the periodic work on them (PING, INFO,
 * hellos), discovery from INFO and hellos, and resets. Depends on {@code model}, {@code config}, {@code info},
 * {@code event}; calls {@code failover} where an INFO confirms a promotion.
 */
package io.sentinel.core.monitor;
