package io.sentinel.server.link;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HostsFileTest {
    @TempDir
    Path dir;

    @Test
    void readsHostsSyntaxAfreshOnEveryLookup() throws Exception {
        Path file = dir.resolve("hosts");
        Files.writeString(file, "# test names\n127.0.0.2 rs-1 RS-1.alias   # trailing\n\n::1 six\n127.0.0.9 rs-1\n");
        assertEquals("127.0.0.2", HostsFile.lookup(file, "rs-1").getHostAddress(), "the first line naming it wins");
        assertEquals("127.0.0.2", HostsFile.lookup(file, "rs-1.ALIAS").getHostAddress());
        assertEquals("rs-1.ALIAS", HostsFile.lookup(file, "rs-1.ALIAS").getHostName());
        assertEquals("0:0:0:0:0:0:0:1", HostsFile.lookup(file, "six").getHostAddress());
        Files.writeString(file, "127.0.0.3 rs-1\n");
        assertEquals("127.0.0.3", HostsFile.lookup(file, "rs-1").getHostAddress());
    }

    @Test
    void anAbsentNameOrFileIsAnUnknownHost() {
        UnknownHostException e = assertThrows(UnknownHostException.class,
                () -> HostsFile.lookup(dir.resolve("none"), "rs-1"));
        assertEquals("rs-1: cannot read " + dir.resolve("none") + ": " + dir.resolve("none"), e.getMessage());
    }
}
