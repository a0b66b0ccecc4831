package io.sentinel.server.command;

import io.sentinel.core.view.MasterView;
import io.sentinel.core.view.QuorumStatus;
import io.sentinel.server.reply.Resp;

/** {@code SENTINEL CKQUORUM}: {@code +OK ...} or the {@code -NOQUORUM ...} error, from {@link QuorumStatus}. */
final class Quorum {
    private Quorum() {
    }

    static Resp check(MasterView m) {
        QuorumStatus q = QuorumStatus.of(m);
        return q.ok() ? new Resp.Simple(q.message()) : Resp.error(q.message());
    }
}
