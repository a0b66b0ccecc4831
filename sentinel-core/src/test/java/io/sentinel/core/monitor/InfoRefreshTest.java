package io.sentinel.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sentinel.core.Effects;
import io.sentinel.core.Fixtures;
import io.sentinel.core.SentinelState;
import io.sentinel.core.action.Publish;
import io.sentinel.core.info.InfoParser;
import io.sentinel.core.model.Role;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class InfoRefreshTest {
    static final String AS_MASTER = "# Replication\r\nrole:master\r\n";
    static final String AS_REPLICA = "# Replication\r\nrole:slave\r\nmaster_host:127.0.0.1\r\nmaster_port:6379\r\n"
            + "master_link_status:up\r\n";
    final SentinelState s = Fixtures.state(Fixtures.master(2, 1000));
    final MasterState m = s.masters.get("mymaster");

    List<String> refresh(NodeState ri, String info, long now) {
        Effects out = new Effects();
        InfoRefresh.apply(s, m, ri, InfoParser.parse(info), info, now, out);
        return out.actions().stream().filter(a -> a instanceof Publish).map(a -> ((Publish) a).event().logLine())
                .filter(e -> e.contains("role-change")).collect(Collectors.toList());
    }

    /** As redis-sentinel: "-role-change" when the reported role contradicts ours, "+role-change" when it agrees. */
    @Test
    void roleChangeSignSaysWhetherTheReportedRoleAgreesWithOurs() {
        ReplicaState replica = Fixtures.goodReplica(m, 7001, 10);
        assertEquals(Role.REPLICA, replica.role);

        assertEquals(List.of("-role-change slave 127.0.0.1:7001 127.0.0.1 7001 @ mymaster 127.0.0.1 6379 "
                + "new reported role is master"), refresh(replica, AS_MASTER, 20));
        assertEquals(List.of("+role-change slave 127.0.0.1:7001 127.0.0.1 7001 @ mymaster 127.0.0.1 6379 "
                + "new reported role is slave"), refresh(replica, AS_REPLICA, 30));
    }
}
