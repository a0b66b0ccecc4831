package io.sentinel.server.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Crash-safe file replacement, for votes and epochs that must survive a power cut: write a temp file beside the
 * target, fsync it, rename it over the target, fsync the directory. When the rename cannot work (a single-file bind
 * mount answers EBUSY; a directory we may not create files in), the target is rewritten in place instead
 * (truncate, write, fsync): not atomic, but still durable before we go on.
 */
public final class AtomicFile {
    /** The rename step, replaceable in tests to simulate EBUSY. */
    @FunctionalInterface
    interface Mover {
        void move(Path from, Path to) throws IOException;
    }

    private static final Mover ATOMIC_RENAME = (from, to) ->
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    private AtomicFile() {
    }

    /** Replaces {@code target}'s content durably; returns the nanoseconds it took. */
    public static long write(Path target, byte[] content) throws IOException {
        return write(target, content, content.length, ATOMIC_RENAME);
    }

    /** Replaces {@code target}'s content with the first {@code length} bytes of {@code content}, durably. */
    static long write(Path target, byte[] content, int length) throws IOException {
        return write(target, content, length, ATOMIC_RENAME);
    }

    static long write(Path target, byte[] content, Mover mover) throws IOException {
        return write(target, content, content.length, mover);
    }

    private static long write(Path target, byte[] content, int length, Mover mover) throws IOException {
        long start = System.nanoTime();
        Path dir = target.toAbsolutePath().getParent();
        Path temp;
        try {
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        } catch (FileSystemException e) {
            writeInPlace(target, content, length);
            return System.nanoTime() - start;
        }
        try {
            keepPermissions(target, temp);
            writeAndForce(temp, content, length, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            mover.move(temp, target);
        } catch (FileSystemException e) {
            Files.deleteIfExists(temp);
            writeInPlace(target, content, length);
            return System.nanoTime() - start;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        forceDirectory(dir);
        return System.nanoTime() - start;
    }

    /** The new file keeps the old one's mode (a 0644 sentinel.conf must not turn 0600), as Redis does. */
    private static void keepPermissions(Path target, Path temp) throws IOException {
        if (!Files.exists(target)) return;
        try {
            Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the default mode is all we can do
        }
    }

    private static void writeInPlace(Path target, byte[] content, int length) throws IOException {
        writeAndForce(target, content, length, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static void writeAndForce(Path file, byte[] content, int length, StandardOpenOption... options)
            throws IOException {
        try (FileChannel ch = FileChannel.open(file, options)) {
            ByteBuffer buf = ByteBuffer.wrap(content, 0, length);
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(true);
        }
    }

    /** Makes the rename itself durable. Some file systems cannot open a directory; then the rename is all we have. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // not supported here (e.g. some network or Windows file systems): nothing more we can do
        }
    }
}
