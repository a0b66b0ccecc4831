package io.sentinel.server.resp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A minimal RESP2/RESP3 socket client for comparing servers: sends a command, reads one reply as a canonical text in
 * which every aggregate's children are sorted (Redis lists commands and subcommands in hash-table order).
 */
final class RawRespClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawRespClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends {@code args} as a multibulk request and returns the canonical form of the reply. */
    String call(String... args) throws IOException {
        send(args);
        return read();
    }

    /** Sends {@code args} as a multibulk request without waiting for the reply. */
    void send(String... args) throws IOException {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            sb.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next reply in canonical form, or null if none starts within {@code millis}. */
    String replyWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            in.mark(1);
            if (in.read() < 0) throw new IOException("connection closed");
            in.reset();
        } catch (java.net.SocketTimeoutException e) {
            return null;
        } finally {
            socket.setSoTimeout(5000);
        }
        return read();
    }

    /** The next message the server pushes (a pub/sub message), in canonical form; SocketTimeoutException if none. */
    String receive() throws IOException {
        return read();
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) throw new IOException("connection closed");
            b.write(c);
        }
        in.read();
        return b.toString(StandardCharsets.UTF_8);
    }

    private String read() throws IOException {
        String l = line();
        char type = l.charAt(0);
        String rest = l.substring(1);
        switch (type) {
            case '$': {
                int n = Integer.parseInt(rest);
                if (n < 0) return "$null";
                byte[] data = in.readNBytes(n + 2);
                return "$" + new String(data, 0, n, StandardCharsets.UTF_8);
            }
            case '=': {
                int n = Integer.parseInt(rest);
                byte[] data = in.readNBytes(n + 2);
                return "=" + new String(data, 0, n, StandardCharsets.UTF_8);
            }
            case '*': case '~': case '>': case '%': {
                int n = Integer.parseInt(rest);
                if (n < 0) return type + "null";
                List<String> items = new ArrayList<>();
                for (int i = 0; i < n * (type == '%' ? 2 : 1); i++) items.add(read());
                if (type == '%') {
                    List<String> pairs = new ArrayList<>();
                    for (int i = 0; i < items.size(); i += 2) pairs.add(items.get(i) + "=>" + items.get(i + 1));
                    items = pairs;
                }
                Collections.sort(items);
                return type + "[" + String.join(",", items) + "]";
            }
            default:
                return l;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
