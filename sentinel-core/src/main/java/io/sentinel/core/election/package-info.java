/**
 * Leader election: {@link io.sentinel.core.election.VoteLedger} casts this sentinel's one vote per epoch (persisted
 * before it leaves), {@link io.sentinel.core.election.VoteRequests} answers a peer's is-master-down-by-addr, and
 * {@link io.sentinel.core.election.LeaderTally} counts votes without casting any. Depends on {@code monitor}.
 */
package io.sentinel.core.election;
