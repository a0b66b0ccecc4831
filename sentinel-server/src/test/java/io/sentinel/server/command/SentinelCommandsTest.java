package io.sentinel.server.command;

import static io.sentinel.server.command.ViewFixtures.master;
import static io.sentinel.server.command.ViewFixtures.masterView;
import static io.sentinel.server.command.ViewFixtures.peer;
import static io.sentinel.server.command.ViewFixtures.replica;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.action.Outcome;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.failover.FailoverPhase;
import io.sentinel.core.input.AdminRequest;
import io.sentinel.core.input.GlobalChange;
import io.sentinel.core.input.Input;
import io.sentinel.core.input.MasterChange.Setting;
import io.sentinel.core.input.MasterChange;
import io.sentinel.core.input.VoteRequested;
import io.sentinel.core.model.Address;
import io.sentinel.core.view.InstanceView;
import io.sentinel.core.view.MasterView;
import io.sentinel.core.view.SentinelView;
import io.sentinel.server.logging.LogSink;
import io.sentinel.server.reply.Resp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SentinelCommandsTest {
    static final long NOW = 1_000_000;
    static final Address M = new Address("127.0.0.1", 6379);
    static final Address R1 = new Address("127.0.0.1", 6380);
    static final Address R2 = new Address("127.0.0.1", 6381);
    static final Address P1 = new Address("127.0.0.1", 26380);
    static final Address P2 = new Address("127.0.0.1", 26381);

    final List<Input> sentToCore = new ArrayList<>();
    SentinelView view = ViewFixtures.topology(6379, List.of(6380, 6381), List.of(26380), NOW);
    SentinelConfig config = SentinelConfig.defaults("/tmp");
    final SentinelCommands commands = new SentinelCommands(() -> view, () -> config, input -> {
        sentToCore.add(input.apply(sentToCore.size() + 1));
        return CompletableFuture.completedFuture(Outcome.OK);
    }, () -> NOW + 10, new InfoCommand(ServerInfo.current("test", ""), () -> 0, () -> new CpuUsage(0, 0, 0, 0)),
            List::of);

    Resp call(String... args) {
        return commands.sentinel(List.of(args)).toCompletableFuture().getNow(null);
    }

    static Map<String, String> fields(Resp reply) {
        List<Resp> e = ((Resp.MapReply) reply).entries();
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < e.size(); i += 2) out.put(((Resp.Bulk) e.get(i)).value(), ((Resp.Bulk) e.get(i + 1)).value());
        return out;
    }

    static List<Resp> items(Resp reply) {
        return ((Resp.Arr) reply).items();
    }

    @Test
    void masterAddressIsOneReplyObjectPerViewAndName() {
        List<String> ask = List.of("SENTINEL", "get-master-addr-by-name", "mymaster");
        Resp first = commands.answerNow("get-master-addr-by-name", ask);
        assertEquals(Resp.bulks(List.of("127.0.0.1", "6379")), first);
        assertSame(first, commands.answerNow("get-master-addr-by-name", List.copyOf(ask)), "same view, same name");
        assertSame(first, call("sentinel", "GET-MASTER-ADDR-BY-NAME", "mymaster"));
        assertEquals(Resp.NULL_ARRAY, commands.answerNow("get-master-addr-by-name",
                List.of("SENTINEL", "get-master-addr-by-name", "other")));
        view = ViewFixtures.topology(6390, List.of(6380), List.of(), NOW);
        assertEquals(Resp.bulks(List.of("127.0.0.1", "6390")),
                commands.answerNow("get-master-addr-by-name", ask), "a new view is a new answer");
    }

    @Test
    void answerNowLeavesChangesToTheFullPath() {
        assertNull(commands.answerNow("failover", List.of("SENTINEL", "failover", "mymaster")));
        assertTrue(sentToCore.isEmpty(), "nothing was sent to the core");
        assertEquals(Resp.bulk(view.myid()), commands.answerNow("myid", List.of("SENTINEL", "myid")));
    }

    @Test
    void masterRepliesRedisFieldsInRedisOrderWithTimesAsMillisecondsAgo() {
        Map<String, String> f = fields(call("SENTINEL", "master", "mymaster"));
        assertEquals(List.of("name", "ip", "port", "runid", "flags", "link-pending-commands", "link-refcount",
                "last-ping-sent", "last-ok-ping-reply", "last-ping-reply", "down-after-milliseconds", "info-refresh",
                "role-reported", "role-reported-time", "config-epoch", "num-slaves", "num-other-sentinels", "quorum",
                "failover-timeout", "parallel-syncs"), new ArrayList<>(f.keySet()));
        assertEquals("mymaster", f.get("name"));
        assertEquals("6379", f.get("port"));
        assertEquals("master", f.get("flags"));
        assertEquals("0", f.get("last-ping-sent"), "no ping pending prints 0");
        assertEquals("510", f.get("last-ok-ping-reply"));
        assertEquals("410", f.get("last-ping-reply"));
        assertEquals("2010", f.get("info-refresh"));
        assertEquals("60010", f.get("role-reported-time"));
        assertEquals("2", f.get("num-slaves"));
        assertEquals("1", f.get("num-other-sentinels"));
        assertEquals("180000", f.get("failover-timeout"));
    }

    @Test
    void downMasterInFailoverAddsStateAndDownTimesWhereRedisPutsThem() {
        InstanceView down = master(M, List.of("s_down", "o_down", "master", "failover_in_progress"), NOW);
        MasterView base = view.masters().get(0);
        MasterView failing = new MasterView(down, base.config(), base.replicas(), base.sentinels(),
                FailoverPhase.WAIT_PROMOTION, NOW, NOW, 1, R1.hostPort(), ViewFixtures.MYID, 1, M, true);
        view = ViewFixtures.view(NOW, List.of(failing));
        List<String> keys = new ArrayList<>(fields(call("sentinel", "master", "mymaster")).keySet());
        assertEquals(List.of("link-refcount", "failover-state", "last-ping-sent"), keys.subList(6, 9));
        assertEquals(List.of("last-ping-reply", "s-down-time", "o-down-time", "down-after-milliseconds"),
                keys.subList(10, 14));
        Map<String, String> f = fields(call("sentinel", "master", "mymaster"));
        assertEquals("wait_promotion", f.get("failover-state"));
        assertEquals("7010", f.get("s-down-time"));
        assertEquals("s_down,o_down,master,failover_in_progress", f.get("flags"));
    }

    @Test
    void replicasListAnnouncedOnesWithReplicaFields() {
        MasterView base = view.masters().get(0);
        MasterView m = masterView(base.master(), base.config(),
                List.of(replica(R1, M, true, NOW), replica(R2, M, false, NOW)), base.sentinels());
        view = ViewFixtures.view(NOW, List.of(m));
        List<Resp> replicas = items(call("sentinel", "REPLICAS", "mymaster"));
        assertEquals(1, replicas.size(), "an unannounced replica is hidden");
        Map<String, String> f = fields(replicas.get(0));
        assertEquals(List.of("name", "ip", "port", "runid", "flags", "link-pending-commands", "link-refcount",
                "last-ping-sent", "last-ok-ping-reply", "last-ping-reply", "down-after-milliseconds", "info-refresh",
                "role-reported", "role-reported-time", "master-link-down-time", "master-link-status", "master-host",
                "master-port", "slave-priority", "slave-repl-offset", "replica-announced"), new ArrayList<>(f.keySet()));
        assertEquals("127.0.0.1:6380", f.get("name"));
        assertEquals("slave", f.get("role-reported"));
        assertEquals("ok", f.get("master-link-status"));
        assertEquals("1", f.get("replica-announced"));
        assertEquals(call("sentinel", "replicas", "mymaster"), call("sentinel", "slaves", "mymaster"));
        assertEquals("2", fields(call("sentinel", "master", "mymaster")).get("num-slaves"), "counts hidden ones too");
    }

    @Test
    void sentinelsListPeersWithHelloAndVote() {
        Map<String, String> f = fields(items(call("sentinel", "sentinels", "mymaster")).get(0));
        assertEquals(List.of("name", "ip", "port", "runid", "flags", "link-pending-commands", "link-refcount",
                "last-ping-sent", "last-ok-ping-reply", "last-ping-reply", "down-after-milliseconds",
                "last-hello-message", "voted-leader", "voted-leader-epoch"), new ArrayList<>(f.keySet()));
        assertEquals("110", f.get("last-hello-message"));
        assertEquals("?", f.get("voted-leader"));
        assertEquals("26380", f.get("port"));
    }

    @Test
    void mastersListsEveryMasterAsMasterDoes() {
        List<Resp> masters = items(call("sentinel", "masters"));
        assertEquals(1, masters.size());
        assertEquals(call("sentinel", "master", "mymaster"), masters.get(0));
        assertEquals(call("sentinel", "masters"), call("sentinel", "PRIMARIES"));
        assertEquals(call("sentinel", "master", "mymaster"), call("sentinel", "primary", "mymaster"));
    }

    @Test
    void unknownMasterIsAnErrorExceptForAddressLookupAndInfoCache() {
        Resp noSuch = Resp.error("ERR No such master with that name");
        for (String sub : List.of("master", "replicas", "slaves", "sentinels", "ckquorum", "primary")) {
            assertEquals(noSuch, call("sentinel", sub, "nope"), sub);
        }
        assertEquals(Resp.NULL_ARRAY, call("sentinel", "get-master-addr-by-name", "nope"));
        assertEquals(Resp.array(List.of()), call("sentinel", "info-cache", "nope"));
        assertEquals(noSuch, call("sentinel", "master", "MYMASTER"), "master names are case-sensitive");
    }

    @Test
    void masterAddressIsTheViewsCurrentAddress() {
        assertEquals(Resp.bulks(List.of("127.0.0.1", "6379")), call("sentinel", "get-master-addr-by-name", "mymaster"));
        MasterView base = view.masters().get(0);
        InstanceView failing = master(M, List.of("master", "failover_in_progress"), NOW);
        view = ViewFixtures.view(NOW, List.of(new MasterView(failing, base.config(), base.replicas(),
                base.sentinels(), FailoverPhase.RECONF_SLAVES, NOW, NOW, 1, R2.hostPort(), null, 0, R2, true)));
        assertEquals(Resp.bulks(List.of("127.0.0.1", "6381")), call("sentinel", "get-primary-addr-by-name", "mymaster"));
        view = ViewFixtures.view(NOW, List.of(new MasterView(failing, base.config(), base.replicas(),
                base.sentinels(), FailoverPhase.NONE, NOW, NOW, 1, null, null, 0, M, false)));
        assertEquals(Resp.error("NOTCONFIRMED This sentinel restarted and has not yet confirmed the master address "
                + "with its peers; ask another sentinel"), call("sentinel", "get-master-addr-by-name", "mymaster"));
    }

    @Test
    void subcommandNamesAreCaseInsensitive() {
        assertEquals(call("sentinel", "masters"), call("SeNtInEl", "MaStErS"));
        assertEquals(Resp.bulk(ViewFixtures.MYID), call("SENTINEL", "MyId"));
    }

    @Test
    void stateChangesGoToTheCoreParsedOnce() {
        call("sentinel", "monitor", "m2", "127.0.0.1", "7000", "2");
        call("sentinel", "remove", "mymaster");
        call("sentinel", "set", "mymaster", "quorum", "3", "auth-pass", "");
        call("sentinel", "reset", "*");
        call("sentinel", "FLUSHCONFIG");
        call("sentinel", "failover", "mymaster");
        call("sentinel", "is-master-down-by-addr", "127.0.0.1", "6379", "1", "*");
        call("sentinel", "is-master-down-by-addr", "127.0.0.1", "6379", "2", "abc");
        call("sentinel", "simulate-failure", "crash-after-election");
        call("sentinel", "config", "set", "announce-ip", "1.2.3.4");
        call("sentinel", "debug", "ping-period", "100");
        assertEquals(List.of(new AdminRequest.Monitor(1, "m2", "127.0.0.1", 7000, 2),
                new AdminRequest.Remove(2, "mymaster"),
                new AdminRequest.SetMaster(3, "mymaster", List.of(MasterChange.number(Setting.QUORUM, "3", 3),
                        MasterChange.text(Setting.AUTH_PASS, "")), null),
                new AdminRequest.Reset(4, "*"), new AdminRequest.FlushConfig(5), new AdminRequest.Failover(6, "mymaster"),
                new VoteRequested(7, "127.0.0.1", 6379, 1, null), new VoteRequested(8, "127.0.0.1", 6379, 2, "abc"),
                new AdminRequest.SimulateFailure(9, true, false),
                new AdminRequest.ConfigSet(10, List.of(new GlobalChange.AnnounceIp("1.2.3.4"))),
                new AdminRequest.SetTiming(11, List.of(new AdminRequest.SetTiming.Period("ping-period", 100)))),
                sentToCore);
    }

    @Test
    void malformedArgumentsAreAnsweredWithoutTheCore() {
        assertEquals(Resp.error("ERR Quorum must be 1 or greater."), call("sentinel", "monitor", "x", "127.0.0.1",
                "6379", "0"));
        assertEquals(Resp.error("ERR Invalid quorum"), call("sentinel", "monitor", "x", "127.0.0.1", "6379", "abc"));
        assertEquals(Resp.error("ERR Invalid port"), call("sentinel", "monitor", "x", "127.0.0.1", "abc", "2"));
        assertEquals(Resp.error("ERR Invalid port number."), call("sentinel", "monitor", "x", "127.0.0.1", "70000",
                "2"));
        assertEquals(Resp.error("ERR value is not an integer or out of range"),
                call("sentinel", "is-master-down-by-addr", "127.0.0.1", "x", "0", "*"));
        assertEquals(Resp.error("ERR Invalid argument '0' for SENTINEL DEBUG 'ping-period'"),
                call("sentinel", "debug", "ping-period", "0"));
        assertEquals(Resp.error("ERR Unknown option or number of arguments for SENTINEL DEBUG 'nope'"),
                call("sentinel", "debug", "nope", "10"));
        assertEquals(Resp.error("ERR Unknown option or number of arguments for SENTINEL DEBUG 'ping-period'"),
                call("sentinel", "debug", "ping-period"));
        assertEquals(Resp.error("ERR Invalid value 'maybe' to SENTINEL CONFIG SET 'resolve-hostnames'"),
                call("sentinel", "config", "set", "resolve-hostnames", "maybe"));
        assertEquals(Resp.error("ERR Invalid argument 'nope' to SENTINEL CONFIG SET"),
                call("sentinel", "config", "set", "nope", "1"));
        assertTrue(call("sentinel", "config", "set", "announce-ip", "0.0.0.0").toString().contains("wildcard"));
        assertEquals(Resp.error("ERR Invalid argument at index 4 for SENTINEL SET: control characters are not allowed"),
                call("sentinel", "set", "mymaster", "auth-pass", "pw\nsentinel monitor evil 10.0.0.1 6379 1"));
        assertEquals(Resp.error("ERR Invalid argument at index 2 for SENTINEL MONITOR: control characters are not "
                + "allowed"), call("sentinel", "monitor", "a\rb", "127.0.0.1", "6379", "2"));
        assertTrue(sentToCore.isEmpty(), sentToCore.toString());
    }

    /** As redis-sentinel: flags are cleared, then set up to a help or a bad flag, which answers the request. */
    @Test
    void simulateFailureSetsTheFlagsBeforeHelpOrABadFlag() {
        assertEquals(Resp.error("ERR Unknown failure simulation specified"), call("sentinel", "simulate-failure",
                "crash-after-election", "nope", "crash-after-promotion"));
        assertEquals(Resp.bulks(List.of("crash-after-election", "crash-after-promotion")),
                call("sentinel", "simulate-failure", "help"));
        assertEquals(List.of(new AdminRequest.SimulateFailure(1, true, false),
                new AdminRequest.SimulateFailure(2, false, false)), sentToCore);
    }

    /** As sentinelSetCommand applies the options before a bad one, they go to the core with the refusal. */
    @Test
    void setCarriesTheFirstBadOptionAfterTheGoodOnes() {
        call("sentinel", "set", "mymaster", "quorum", "2", "quorum", "abc", "foo", "1");
        call("sentinel", "set", "mymaster", "down-after-milliseconds", "1000", "rename-command", "CONFIG");
        assertEquals(List.of(
                new AdminRequest.SetMaster(1, "mymaster", List.of(MasterChange.number(Setting.QUORUM, "2", 2)),
                        new AdminRequest.SetMaster.Rejected("quorum", "abc")),
                new AdminRequest.SetMaster(2, "mymaster", List.of(MasterChange.number(
                        Setting.DOWN_AFTER_MILLISECONDS, "1000", 1000)),
                        new AdminRequest.SetMaster.Rejected("rename-command", null))), sentToCore);
    }

    /** Valkey 8's spelling, as its sentinelSetCommand takes it beside 7.0's; a negative value is refused as there. */
    @Test
    void setTakesValkeysPrimaryRebootDownAfterPeriod() {
        call("sentinel", "set", "mymaster", "Primary-Reboot-Down-After-Period", "2000");
        call("sentinel", "set", "mymaster", "primary-reboot-down-after-period", "-1");
        assertEquals(List.of(
                new AdminRequest.SetMaster(1, "mymaster", List.of(MasterChange.number(
                        Setting.MASTER_REBOOT_DOWN_AFTER_PERIOD, "2000", 2000)), null),
                new AdminRequest.SetMaster(2, "mymaster", List.of(),
                        new AdminRequest.SetMaster.Rejected("primary-reboot-down-after-period", "-1"))), sentToCore);
    }

    @Test
    void ckquorumCountsUsablePeersAgainstQuorumAndMajority() {
        assertEquals(new Resp.Simple("OK 2 usable Sentinels. Quorum and failover authorization can be reached"),
                call("sentinel", "ckquorum", "mymaster"));
        assertEquals(Resp.error("NOQUORUM 1 usable Sentinels. Not enough available Sentinels to reach the specified "
                + "quorum for this master. Not enough available Sentinels to reach the majority and authorize a "
                + "failover"), quorumWithPeers(2, List.of("sentinel", "s_down")));
        assertEquals(Resp.error("NOQUORUM 2 usable Sentinels. Not enough available Sentinels to reach the majority "
                + "and authorize a failover"), quorumWithPeers(1, List.of("sentinel"), List.of("sentinel", "o_down"),
                List.of("sentinel", "s_down")));
        assertEquals(Resp.error("NOQUORUM 2 usable Sentinels. Not enough available Sentinels to reach the specified "
                + "quorum for this master"), quorumWithPeers(3, List.of("sentinel")));
    }

    @SafeVarargs
    private Resp quorumWithPeers(int quorum, List<String>... peerFlags) {
        List<InstanceView> peers = new ArrayList<>();
        int port = 26380;
        for (List<String> flags : peerFlags) peers.add(peer(new Address("127.0.0.1", port++), "p" + port, flags, NOW));
        MasterView base = view.masters().get(0);
        view = ViewFixtures.view(NOW, List.of(masterView(base.master(),
                ViewFixtures.config(M, quorum, List.of(), peers), base.replicas(), peers)));
        return call("sentinel", "ckquorum", "mymaster");
    }

    @Test
    void debugListsPeriodsUpperCaseInRedisOrder() {
        Map<String, String> f = fields(call("sentinel", "debug"));
        assertEquals(List.of("INFO-PERIOD", "PING-PERIOD", "ASK-PERIOD", "PUBLISH-PERIOD", "DEFAULT-DOWN-AFTER",
                "DEFAULT-FAILOVER-TIMEOUT", "TILT-TRIGGER", "TILT-PERIOD", "SLAVE-RECONF-TIMEOUT",
                "MIN-LINK-RECONNECT-PERIOD", "ELECTION-TIMEOUT", "SCRIPT-MAX-RUNTIME", "SCRIPT-RETRY-DELAY"),
                new ArrayList<>(f.keySet()));
        assertEquals("10000", f.get("INFO-PERIOD"));
        assertEquals("180000", f.get("DEFAULT-FAILOVER-TIMEOUT"));
    }

    @Test
    void configGetMatchesGlobsCaseInsensitively() {
        assertEquals(List.of("resolve-hostnames", "announce-hostnames", "announce-ip", "announce-port",
                "sentinel-user", "sentinel-pass"), new ArrayList<>(fields(call("sentinel", "config", "get", "*")).keySet()));
        assertEquals(Map.of("announce-ip", "", "announce-port", "0", "announce-hostnames", "no"),
                fields(call("sentinel", "CONFIG", "GET", "ANNOUNCE-*")));
        assertEquals(Map.of(), fields(call("sentinel", "config", "get", "nothing")));
        Resp usage = Resp.error("ERR Only SENTINEL CONFIG GET <option> / SET <option> <value> are supported.");
        assertEquals(usage, call("sentinel", "config", "get"));
        assertEquals(usage, call("sentinel", "config", "foo", "x"));
        assertTrue(sentToCore.isEmpty());
    }

    /** Redis 7.2: several patterns, each parameter once; loglevel by its name only (GET * stays 7.0's). */
    @Test
    void configGetTakesSeveralPatternsAndShowsEachParameterOnce() {
        assertEquals(List.of("announce-port", "resolve-hostnames", "announce-hostnames", "announce-ip"),
                new ArrayList<>(fields(call("sentinel", "config", "get", "announce-port", "*host*", "announce-*",
                        "nosuch")).keySet()));
        assertEquals(Map.of("loglevel", LogSink.INSTANCE.level()), fields(call("sentinel", "config", "get",
                "loglevel")));
    }

    /** Redis 7.2: several options at once, all checked before any applies; loglevel is the shell's own. */
    @Test
    void configSetTakesSeveralOptionsAndRefusesAllForOneBad() {
        assertEquals(Resp.error("ERR Duplicate argument 'announce-port' to SENTINEL CONFIG SET"),
                call("sentinel", "config", "set", "announce-port", "1", "announce-port", "2"));
        assertEquals(Resp.error("ERR Missing argument 'announce-ip' value"),
                call("sentinel", "config", "set", "announce-port", "1", "announce-ip"));
        assertEquals(Resp.error("ERR Invalid value 'loud' to SENTINEL CONFIG SET 'loglevel'"),
                call("sentinel", "config", "set", "announce-port", "1", "loglevel", "loud"));
        assertTrue(sentToCore.isEmpty(), sentToCore.toString());
        String before = LogSink.INSTANCE.level();
        try {
            assertEquals(Resp.OK, call("sentinel", "config", "set", "resolve-hostnames", "yes", "loglevel", "warning",
                    "announce-port", "1234"));
            assertEquals(List.of(new AdminRequest.ConfigSet(1, List.of(new GlobalChange.ResolveHostnames(true),
                    new GlobalChange.AnnouncePort(1234)))), sentToCore);
            assertEquals("warning", LogSink.INSTANCE.level());
        } finally {
            LogSink.INSTANCE.level(before);
        }
    }

    @Test
    void infoCacheGivesAgeAndTextPerInstanceMasterFirst() {
        List<Resp> reply = items(call("sentinel", "info-cache", "mymaster", "nope", "mymaster"));
        assertEquals(2, reply.size());
        assertEquals(Resp.bulk("mymaster"), reply.get(0));
        List<Resp> infos = items(reply.get(1));
        assertEquals(3, infos.size());
        assertEquals(Resp.array(List.of(Resp.integer(2010), Resp.bulk(ViewFixtures.MASTER_INFO))), infos.get(0));
        assertEquals(Resp.integer(1810), items(infos.get(1)).get(0));
        assertEquals(Resp.array(reply), call("sentinel", "info-cache", "mymaster"), "duplicates listed once");
    }

    @Test
    void smallRepliesMatchRedis() {
        assertEquals(Resp.array(List.of()), call("sentinel", "pending-scripts"));
        List<Resp> help = items(call("sentinel", "HELP"));
        assertEquals(49, help.size());
        assertEquals(new Resp.Simple("SENTINEL <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"), help.get(0));
        assertEquals(Resp.array(List.of(Resp.bulk("sentinel"), Resp.bulks(List.of("mymaster")))), commands.role());
    }

    @Test
    void pendingScriptsIsRedisReplyOneMapPerScript() {
        List<io.sentinel.server.scripts.PendingScript> queue = List.of(
                new io.sentinel.server.scripts.PendingScript(List.of("/s.sh", "+sdown", "master m 1.2.3.4 5"), true,
                        4242, NOW - 1500, 1),
                new io.sentinel.server.scripts.PendingScript(List.of("/s.sh"), false, 0, NOW + 30_000, 2),
                new io.sentinel.server.scripts.PendingScript(List.of("/t.sh"), false, 0, 0, 0));
        SentinelCommands withScripts = new SentinelCommands(() -> view, () -> config, args -> null, () -> NOW,
                new InfoCommand(ServerInfo.current("test", ""), () -> 0, () -> new CpuUsage(0, 0, 0, 0), () -> queue),
                () -> queue);
        List<Resp> reply = items(withScripts.sentinel(List.of("SENTINEL", "pending-scripts"))
                .toCompletableFuture().getNow(null));
        assertEquals(3, reply.size());
        List<Resp> first = ((Resp.MapReply) reply.get(0)).entries();
        assertEquals(Resp.bulk("argv"), first.get(0));
        assertEquals(Resp.bulks(List.of("/s.sh", "+sdown", "master m 1.2.3.4 5")), first.get(1));
        assertEquals(Resp.bulks(List.of("flags", "running", "pid", "4242", "run-time", "1500", "retry-num", "1")),
                new Resp.Arr(first.subList(2, 10)));
        List<Resp> second = ((Resp.MapReply) reply.get(1)).entries();
        assertEquals(Resp.bulks(List.of("flags", "scheduled", "pid", "0", "run-delay", "30000", "retry-num", "2")),
                new Resp.Arr(second.subList(2, 10)));
        assertEquals(Resp.bulk("0"), ((Resp.MapReply) reply.get(2)).entries().get(7), "never ran: run-delay 0");
        String info = withScripts.info(List.of("sentinel"), null);
        assertTrue(info.contains("sentinel_running_scripts:1\r\nsentinel_scripts_queue_length:3\r\n"), info);
    }
}
