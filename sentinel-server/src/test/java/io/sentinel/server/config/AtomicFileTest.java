package io.sentinel.server.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void createsAndReplacesLeavingNoTempFile() throws IOException {
        Path target = dir.resolve("sentinel.conf");
        long nanos = AtomicFile.write(target, bytes("one\n"));
        assertTrue(nanos > 0);
        assertEquals("one\n", Files.readString(target));
        AtomicFile.write(target, bytes("two\n"));
        assertEquals("two\n", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void keepsTheFileMode() throws IOException {
        Path target = dir.resolve("sentinel.conf");
        Files.writeString(target, "old\n");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFile.write(target, bytes("new\n"));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void fallsBackToInPlaceWriteWhenRenameIsRefused() throws IOException {
        Path target = dir.resolve("sentinel.conf");
        Files.writeString(target, "a much longer old content than the new one\n");
        AtomicFile.write(target, bytes("new\n"), (from, to) -> {
            throw new FileSystemException(from.toString(), to.toString(), "Device or resource busy");
        });
        assertEquals("new\n", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void otherFailuresPropagateAndCleanUp() throws IOException {
        Path target = dir.resolve("sentinel.conf");
        Files.writeString(target, "old\n");
        assertThrows(IOException.class, () -> AtomicFile.write(target, bytes("new\n"), (from, to) -> {
            throw new IOException("disk on fire");
        }));
        assertEquals("old\n", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void writesLargeContentWhole() throws IOException {
        byte[] big = new byte[3 * 1024 * 1024];
        for (int i = 0; i < big.length; i++) big[i] = (byte) ('a' + i % 26);
        Path target = dir.resolve("big");
        AtomicFile.write(target, big);
        assertArrayEquals(big, Files.readAllBytes(target));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
