package io.sgmigrate.support;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Run as its own process: locks a file, says "locked", holds the lock for the given milliseconds, appends
 * a line, then lets go. Another program that honours the lock writes only after that line.
 */
public final class HoldFileLock {
    private HoldFileLock() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long millis = Long.parseLong(args[1]);
        String line = args[2] + "\n";
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND); var lock = ch.lock()) {
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(millis);
            ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
        }
    }
}
