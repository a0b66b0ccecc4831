package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rule parser and the description of users. Expected lines and errors were recorded from redis-sentinel 7.0.15
 * given the same rules (ACL SETUSER then ACL LIST); AclIT compares them live.
 */
class AclRulesTest {
    private static final CommandTable TABLE = CommandTable.load();
    private final AclCommandSet commands = new AclCommandSet(TABLE);
    private final AclRules rules = new AclRules(commands);
    private final AclDescriber describer = new AclDescriber(commands, rules);

    private AclUser user(String name, String... ops) throws AclRules.Invalid {
        AclUser u = rules.create(name);
        for (String op : ops) rules.apply(u, op);
        u.publish(commands.size());
        return u;
    }

    private String line(String rulesText) throws AclRules.Invalid {
        return describer.line(user("u", rulesText.isEmpty() ? new String[0] : rulesText.split(" ")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "'' ; user u off resetchannels -@all",
            "reset ; user u off sanitize-payload resetchannels -@all",
            "skip-sanitize-payload ; user u off skip-sanitize-payload resetchannels -@all",
            "> ; user u off #e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 resetchannels -@all",
            "+@admin -@dangerous +@connection ; user u off resetchannels -@all +@connection",
            "on nopass >p ; user u on #148de9c5a7a44d19e56cd9ae1a554bf67847afb0c58f6e12fa29ac7ddfca9940 resetchannels -@all",
            "on >p nopass ; user u on nopass resetchannels -@all",
            "+@all -@admin ; user u off resetchannels +@all -@admin",
            "~foo %R~bar %W~baz %RW~q allkeys ; user u off ~* resetchannels -@all",
            "~foo %R~bar %W~baz %RW~q ; user u off ~foo %R~bar %W~baz ~q resetchannels -@all",
            "resetkeys allchannels allcommands ; user u off &* +@all",
            "-sentinel|set ; user u off resetchannels -@all",
            "+@all -sentinel|set +sentinel|set ; user u off resetchannels +@all",
            "nocommands +sentinel|masters +@pubsub -publish +client|list -client|kill +acl"
                    + " ; user u off resetchannels -@all +@pubsub +sentinel|masters +acl -publish +client|list",
            "+sentinel -sentinel|set ; user u off resetchannels -@all +@admin -sentinel|set -role -acl|dryrun"
                    + " -acl|setuser -acl|users -acl|save -acl|deluser -acl|list -acl|log -acl|load -acl|getuser"
                    + " -shutdown -client|unblock -client|unpause -client|no-evict -client|pause -client|kill"
                    + " -client|list",
            "on >apppw -@all +sentinel|get-master-addr-by-name +sentinel|sentinels +subscribe &+switch-master"
                    + " ; user u on #71d3d4e36cf4bc4309fd7390ba79fc6a1d03d8d7b45ef26f04bcdff3ff116868 resetchannels"
                    + " &+switch-master -@all +sentinel|get-master-addr-by-name +sentinel|sentinels +subscribe",
            "+ping|x -@all +info|server +info|clients ; user u off resetchannels -@all +info|server +info|clients",
    })
    void describesAsRedisSentinel(String ops, String expected) throws AclRules.Invalid {
        assertEquals(normalized(expected), normalized(line(ops)));
    }

    /**
     * Redis lists single-command rules in its command dictionary's order, which is seeded at random per process:
     * lines are compared as sets of words.
     */
    static List<String> normalized(String line) {
        return java.util.Arrays.stream(line.split(" ")).sorted().toList();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "#zz ; The password hash must be exactly 64 characters and contain only lowercase hexadecimal characters",
            "!0000000000000000000000000000000000000000000000000000000000000000"
                    + " ; The password you are trying to remove from the user does not exist",
            "+foo ; Unknown command or category name in ACL",
            "+sentinel|foo ; Unknown command or category name in ACL",
            "-@bogus ; Unknown command or category name in ACL",
            "+get ; Unknown command or category name in ACL",
            "bogus ; Syntax error",
            "+sentinel|get-master-addr-by-name|x ; Allowing first-arg of a subcommand is not supported",
            "+select|0 ; Unknown command or category name in ACL",
            "-ping|x ; Unknown command or category name in ACL",
            "+ping| ; Syntax error",
            "%X~k ; Syntax error",
    })
    void refusesAsRedisSentinel(String op, String reason) {
        AclRules.Invalid e = assertThrows(AclRules.Invalid.class, () -> rules.apply(rules.create("u"), op));
        assertEquals(reason, e.getMessage());
    }

    @Test
    void patternsAfterStarAreRefused() throws AclRules.Invalid {
        assertThrows(AclRules.Invalid.class, () -> rules.apply(user("u", "allkeys"), "~k"));
        AclRules.Invalid e = assertThrows(AclRules.Invalid.class, () -> rules.apply(user("u", "&*"), "&c"));
        assertEquals(AclRules.CHANNEL_AFTER_ALL, e.getMessage());
    }

    @Test
    void applicationUserMayReadTheAddressAndNothingElse() throws AclRules.Invalid {
        Grant g = user("app", "on", ">apppw", "-@all", "+sentinel|get-master-addr-by-name", "+sentinel|sentinels",
                "+subscribe", "&+switch-master").grant();
        assertTrue(g.mayRun(commands.id("sentinel|get-master-addr-by-name"), List.of(), 2));
        assertTrue(g.mayRun(commands.id("subscribe"), List.of(), 1));
        for (String denied : List.of("sentinel|set", "sentinel|monitor", "sentinel|failover", "sentinel|remove",
                "sentinel|config", "sentinel|reset", "publish", "psubscribe", "acl|setuser", "client|kill", "ping")) {
            assertFalse(g.mayRun(commands.id(denied), List.of(), 1), denied);
        }
        assertTrue(g.mayUseChannel("+switch-master", false));
        assertFalse(g.mayUseChannel("__sentinel__:hello", false));
        assertTrue(g.accepts("apppw"));
        assertFalse(g.accepts("apppw "));
    }

    @Test
    void channelGlobsMatchChannelsAndPatternsOnlyLiterally() throws AclRules.Invalid {
        Grant g = user("ch", "&foo*").grant();
        assertTrue(g.mayUseChannel("foobar", false));
        assertTrue(g.mayUseChannel("foo*", true));
        assertFalse(g.mayUseChannel("fo*", true), "PSUBSCRIBE fo* would receive more than foo*");
        assertFalse(g.mayUseChannel("foox", true));
    }

    @Test
    void firstArgumentsOpenABlockedCommandForThoseArgumentsOnly() throws AclRules.Invalid {
        Grant g = user("i", "+info|server").grant();
        int info = commands.id("info");
        assertTrue(g.mayRun(info, List.of("INFO", "SERVER"), 1));
        assertFalse(g.mayRun(info, List.of("INFO", "clients"), 1));
        assertFalse(g.mayRun(info, List.of("INFO"), 1));
    }

    @Test
    void aContainerRuleCarriesItsSubcommands() throws AclRules.Invalid {
        Grant g = user("s", "+sentinel", "-sentinel|set").grant();
        assertTrue(g.mayRun(commands.id("sentinel|masters"), List.of(), 2));
        assertFalse(g.mayRun(commands.id("sentinel|set"), List.of(), 2));
        assertTrue(user("a", "+@all", "-@admin").grant().mayRun(commands.id("ping"), List.of(), 1));
    }

    @Test
    void theDefaultUserIsOpenUntilRequirepass() throws AclRules.Invalid {
        AclUser d = rules.createDefault();
        d.publish(commands.size());
        assertEquals("user default on nopass ~* &* +@all", describer.line(d));
        assertTrue(d.grant().accepts("anything"));
    }
}
