package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loading users from the configuration, and changing them at runtime (expected lines from redis-sentinel 7.0). */
class UsersTest {
    private static final CommandTable TABLE = CommandTable.load();

    @Test
    void configuredUsersAreDescribedAsRedisSentinelRewritesThem() {
        Users users = new Users(TABLE, null, List.of("default on nopass ~* &* +@all",
                "app on >apppw -@all +sentinel|get-master-addr-by-name +sentinel|sentinels +subscribe &+switch-master",
                "ops on #5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11dc0eeb6e5d2a +@all", "off1 off >x"));
        assertEquals(List.of(
                "user app on #71d3d4e36cf4bc4309fd7390ba79fc6a1d03d8d7b45ef26f04bcdff3ff116868 resetchannels"
                        + " &+switch-master -@all +sentinel|get-master-addr-by-name +sentinel|sentinels +subscribe",
                "user default on nopass sanitize-payload ~* &* +@all",
                "user off1 off #2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881 resetchannels -@all",
                "user ops on #5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11dc0eeb6e5d2a resetchannels +@all")
                .stream().map(AclRulesTest::normalized).toList(),
                users.lines().stream().map(AclRulesTest::normalized).toList());
    }

    @Test
    void requirepassIsTheDefaultUsersPasswordUnlessAUserLineSaysOtherwise() {
        Users locked = new Users(TABLE, "pw", List.of());
        assertFalse(locked.defaultIsOpen());
        assertNotNull(locked.authenticate("default", "pw"));
        assertNull(locked.authenticate("default", "nope"));
        Users reopened = new Users(TABLE, "pw", List.of("default on nopass +@all"));
        assertTrue(reopened.defaultIsOpen());
    }

    @Test
    void badOrDuplicateLinesStopStartupWithRedisWords() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new Users(TABLE, null, List.of("app on +get")));
        assertEquals("Error loading ACL rule '+get' for the user named 'app': Unknown command or category name in ACL",
                bad.getMessage());
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> new Users(TABLE, null, List.of("app on", "app off")));
        assertTrue(dup.getMessage().contains("Duplicate user found"), dup.getMessage());
    }

    @Test
    void setUserAppliesAllRulesOrNone() throws AclRules.Invalid {
        Users users = new Users(TABLE, null, List.of("app on >a"));
        AclUser before = users.get("app");
        AclRules.Invalid e = assertThrows(AclRules.Invalid.class,
                () -> users.setUser("app", List.of("resetpass", ">b", "+nosuch")));
        assertEquals("Error in ACL SETUSER modifier '+nosuch': Unknown command or category name in ACL",
                e.getMessage());
        assertNotNull(users.authenticate("app", "a"), "nothing applied");
        users.setUser("app", List.of("resetpass", ">b"));
        assertSame(before, users.get("app"), "connections keep the same user and see the change");
        assertNull(users.authenticate("app", "a"));
        assertNotNull(users.authenticate("app", "b"));
    }

    @Test
    void changesAreHandedOnForPersistence() throws AclRules.Invalid {
        Users users = new Users(TABLE, null, List.of());
        List<List<String>> seen = new ArrayList<>();
        users.onChange(seen::add);
        users.setUser("app", List.of("on", "nopass", "+ping"));
        assertEquals(List.of("user app on nopass resetchannels -@all +ping",
                "user default on nopass ~* &* +@all"), seen.get(0));
        AclUser app = users.get("app");
        assertEquals(List.of(app), users.delete(List.of("app", "nobody")));
        assertFalse(app.live());
        assertEquals(List.of("user default on nopass ~* &* +@all"), seen.get(1));
        assertEquals(List.of(), users.delete(List.of("nobody")));
        assertEquals(2, seen.size(), "deleting nobody changes nothing");
    }
}
