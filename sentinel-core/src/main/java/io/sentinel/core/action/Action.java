package io.sentinel.core.action;

/**
 * What the core asks the shell to do. The dispatcher runs a batch in order, {@link PersistState} first: when
 * persisting fails, the rest of the batch is dropped (no vote leaves unpersisted).
 */
public sealed interface Action permits OpenLink, CloseLink, SendPing, RequestInfo, PublishHello, AskPeer,
        PromoteReplica, RepointReplica, HandOver, CancelHandOver, ReleaseClients, SaveConfig, Reply, Publish,
        PersistState, RunScript {
}
