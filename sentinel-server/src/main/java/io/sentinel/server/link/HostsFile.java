package io.sentinel.server.link;

import io.netty.util.NetUtil;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Looks a name up in a file in {@code /etc/hosts} syntax ({@code address name [alias...]}, {@code #} comments),
 * read afresh each time: the first line naming the host wins, case-insensitively, as glibc's files module reads it.
 */
final class HostsFile {
    private HostsFile() {
    }

    static InetAddress lookup(Path file, String host) throws UnknownHostException {
        String wanted = host.toLowerCase(Locale.ROOT);
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int hash = line.indexOf('#');
                String[] words = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
                if (words.length < 2) continue;
                for (int i = 1; i < words.length; i++) {
                    if (!words[i].toLowerCase(Locale.ROOT).equals(wanted)) continue;
                    byte[] ip = NetUtil.createByteArrayFromIpAddressString(words[0]);
                    if (ip != null) return InetAddress.getByAddress(host, ip);
                }
            }
        } catch (IOException e) {
            throw new UnknownHostException(host + ": cannot read " + file + ": " + e.getMessage());
        }
        throw new UnknownHostException(host + ": not in " + file);
    }
}
