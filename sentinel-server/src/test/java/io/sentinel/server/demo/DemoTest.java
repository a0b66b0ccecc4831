package io.sentinel.server.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoTest {
    @Test
    void withoutRedisServerOnPathItSaysHowToInstallAndFails() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Demo.run(DemoOptions.defaults(), new PrintStream(out), new PrintStream(err), "/nonexistent", null, false);

        assertEquals(1, status);
        assertEquals(Demo.NO_REDIS + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void sentinelsGetTheFlagsOfConfJvmFlagsWithoutTheOptionalOnes() throws Exception {
        String file = Files.readString(Path.of("..", "conf", "jvm.flags"));
        List<String> flags = DemoCluster.sentinelJvmFlags();
        assertEquals(DemoCluster.argFileOptions(file), flags, "the build packages conf/jvm.flags as it is");
        assertTrue(flags.contains("-XX:+UseSerialGC") && flags.contains("-Xmx256m"), flags.toString());
        assertFalse(flags.stream().anyMatch(f -> f.startsWith("-XX:TrimNativeHeapInterval")), "optional: " + flags);
        assertEquals(List.of("-Xms8m", "-Xmx256m", "-XX:+A"),
                DemoCluster.argFileOptions("# comment\n-Xms8m  -Xmx256m\n\n-XX:+A # why\n#optional -XX:+B\n"));
    }

    @Test
    void findsProgramsOnPath() {
        assertTrue(Demo.onPath("sh", "/nonexistent:/bin"));
        assertFalse(Demo.onPath("sh", ""));
        assertFalse(Demo.onPath("sh", null));
    }

    @Test
    void optionsRejectNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new DemoOptions(-1, 0, 5000, false));
        assertThrows(IllegalArgumentException.class, () -> new DemoOptions(0, 0, 0, false));
    }

    @Test
    void commandLineMapsToOptions() {
        DemoCommand command = new DemoCommand();
        new CommandLine(command).parseArgs("--duration", "7", "--kill-master-after", "3", "--down-after", "900");

        assertEquals(7, command.durationSeconds);
        assertEquals(3, command.killMasterAfterSeconds);
        assertEquals(900, command.downAfterMillis);
        assertFalse(command.redisSentinels);
    }

    @Test
    void infoFieldsAreReadByName() {
        String info = "# Replication\r\nrole:slave\r\nmaster_link_status:up\r\nslave_repl_offset:42\r\n";

        assertEquals("slave", StatusTable.field(info, "role"));
        assertEquals("42", StatusTable.field(info, "slave_repl_offset"));
        assertEquals(null, StatusTable.field(info, "master_repl_offset"));
    }

    @Test
    void aKeyIsTheFirstLetterOfALine() {
        assertEquals('k', DemoKeys.keyOf("k"));
        assertEquals('q', DemoKeys.keyOf("  Quit "));
        assertEquals(null, DemoKeys.keyOf("   "));
    }

    @Test
    void theTerminalHeightIsReadFromStty() {
        assertEquals(41, TerminalSize.parseRows("41 163"));
        assertEquals(50, TerminalSize.parseRows("0 0"));
        assertEquals(50, TerminalSize.parseRows(""));
    }

    @Test
    void aWriteFailureIsToldByItsRootCauseWithoutTheNativeCall() {
        Exception e = new RuntimeException("io.netty...NativeIoException: recvAddress(..) failed: Connection reset by"
                + " peer", new java.io.IOException("recvAddress(..) failed: Connection reset by peer"));

        assertEquals("Connection reset by peer", DemoWriter.reason(e));
        assertEquals("READONLY You can't write against a read only replica.",
                DemoWriter.reason(new RuntimeException("READONLY You can't write against a read only replica.")));
        assertEquals(60, DemoWriter.reason(new RuntimeException("x".repeat(100))).length());
    }
}
