package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The aclfile: loading, all-or-nothing reloads and saving, with redis-sentinel 7.0.15's texts (taken live). */
class AclFileTest {
    private static final CommandTable TABLE = CommandTable.load();

    @TempDir
    Path dir;

    private AclFile file(String text) throws Exception {
        Path p = dir.resolve("users.acl");
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return new AclFile("users.acl", p);
    }

    @Test
    void everyBadLineIsReportedWithFileAndLineAndNothingLoads() throws Exception {
        AclFile f = file("user default on nopass ~* &* +@all\n# comment\nuser bob on +nosuchcmd >p\n"
                + "user x on bogus bogus2\nuser default off\nuser\nuser a\"b on\n");
        AclFile.Parsed p = f.load(new AclRules(new AclCommandSet(TABLE)));
        assertEquals("users.acl:2 should start with user keyword followed by the username. users.acl:3: Error in"
                + " applying operation '+nosuchcmd': Unknown command or category name in ACL. users.acl:4: Syntax"
                + " error. WARNING: Duplicate user 'default' found on line 5. users.acl:6 should start with user"
                + " keyword followed by the username. WARNING: ACL errors detected, no change to the previously"
                + " active ACL rules was performed", p.errors());
        assertTrue(p.users().isEmpty());
    }

    @Test
    void wordsAreSplitOnEachSpaceWithoutQuoting() throws Exception {
        AclRules rules = new AclRules(new AclCommandSet(TABLE));
        assertEquals("users.acl:2: Syntax error. WARNING: ACL errors detected, no change to the previously active"
                + " ACL rules was performed", file("user a on\nuser  b on\n").load(rules).errors());
        AclFile.Parsed quoted = file("\n   \nuser \"q on >x\r\n").load(rules);
        assertNull(quoted.errors());
        assertEquals(List.of("\"q"), List.copyOf(quoted.users().keySet()));
    }

    @Test
    void aMissingFileIsAnErrorInStrerrorsWords() {
        AclFile.Parsed p = new AclFile("nothere.acl", dir.resolve("nothere.acl"))
                .load(new AclRules(new AclCommandSet(TABLE)));
        assertEquals("Error loading ACLs, opening file 'nothere.acl': No such file or directory", p.errors());
    }

    @Test
    void startupLoadsTheFileAndLosesRequirepassWhenItHasNoDefaultUser() throws Exception {
        Users users = new Users(TABLE, "foo", List.of(), file("user app on >secret +@all\n"));
        assertTrue(users.defaultIsOpen(), "redis-sentinel: default becomes on nopass ~* &* +@all");
        assertNotNull(users.authenticate("app", "secret"));
        assertEquals(List.of("app", "default"), users.names());
    }

    @Test
    void startupRefusesUserLinesWithAnAclFileOrABadFile() throws Exception {
        AclFile f = file("user app on\n");
        AclStartupException both = assertThrows(AclStartupException.class,
                () -> new Users(TABLE, null, List.of("bob on nopass +@all"), f));
        assertEquals("Configuring Redis with users defined in redis.conf and at the same setting an ACL file path is"
                + " invalid. This setup is very likely to lead to configuration errors and security holes, please"
                + " define either an ACL file or declare users directly in your redis.conf, but not both.",
                both.getMessage());
        AclStartupException bad = assertThrows(AclStartupException.class,
                () -> new Users(TABLE, null, List.of(), file("user  x\n")));
        assertEquals("Aborting Redis startup because of ACL errors: users.acl:1: Syntax error. WARNING: ACL errors"
                + " detected, no change to the previously active ACL rules was performed", bad.getMessage());
    }

    @Test
    void reloadReplacesEveryUserRetiresTheOldOnesAndKeepsTheDefaultUsersIdentity() throws Exception {
        AclFile f = file("user default on nopass ~* &* +@all\nuser app on >a +@all\n");
        Users users = new Users(TABLE, null, List.of(), f);
        AclUser app = users.get("app");
        AclUser def = users.defaultUser();
        Files.writeString(f.path(), "user default on >pw +@all\nuser app on >b +@all\nuser ops on >o +@all\n");
        List<AclUser> retired = users.replaceAll(f.load(users.rules()).users());
        assertEquals(List.of(app), retired);
        assertFalse(app.live());
        assertSame(def, users.defaultUser());
        assertSame(def, users.get("default"));
        assertFalse(users.defaultIsOpen());
        assertNotNull(users.authenticate("default", "pw"));
        assertNotNull(users.authenticate("app", "b"));
        assertEquals(List.of("app", "default", "ops"), users.names());
    }

    @Test
    void changesAreNotPersistedThroughTheConfigWithAnAclFileOnlyBySave() throws Exception {
        AclFile f = file("user default on nopass ~* &* +@all\n");
        Users users = new Users(TABLE, null, List.of(), f);
        int[] told = {0};
        users.onChange(lines -> told[0]++);
        users.setUser("app", List.of("on", ">x", "+ping"));
        users.delete(List.of("app"));
        assertEquals(0, told[0]);
        users.setUser("app", List.of("on", "nopass", "+ping"));
        f.save(users.lines());
        assertEquals(String.join("\n", users.lines()) + "\n", Files.readString(f.path()));
        Users again = new Users(TABLE, null, List.of(), f);
        assertEquals(users.lines(), again.lines());
    }
}
