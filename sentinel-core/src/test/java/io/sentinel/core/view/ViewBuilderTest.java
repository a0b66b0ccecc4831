package io.sentinel.core.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.failover.FailoverPhase;
import io.sentinel.core.model.Address;
import io.sentinel.core.monitor.ReplicaState;
import io.sentinel.core.monitor.MasterState;
import org.junit.jupiter.api.Test;

class ViewBuilderTest {
    static final Address M = new Address("127.0.0.1", 6379);
    static final Address R = new Address("127.0.0.1", 6380);

    /** As redis-sentinel's get-master-addr-by-name: the promoted replica once replicas are being repointed. */
    @Test
    void theCurrentAddressIsThePromotedReplicaOncePastPromotion() {
        MasterState m = new MasterState(MasterConfig.withDefaults("m", M, 2), 0);
        ReplicaState r = new ReplicaState(R, 0);
        m.replicas.put(R, r);
        assertEquals(M, ViewBuilder.master(m, 0).currentAddress());
        m.promoted = r;
        for (FailoverPhase p : FailoverPhase.values()) {
            m.phase = p;
            boolean past = p == FailoverPhase.RECONF_SLAVES || p == FailoverPhase.UPDATE_CONFIG;
            assertEquals(past ? R : M, ViewBuilder.master(m, 0).currentAddress(), p.toString());
            assertEquals(p, ViewBuilder.master(m, 0).phase());
        }
    }
}
