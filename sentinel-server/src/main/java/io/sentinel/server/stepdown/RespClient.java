package io.sentinel.server.stepdown;

import io.sentinel.core.model.Address;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A blocking RESP2 client for one short conversation with a sentinel (the step-down command): a plain socket, a
 * timeout on connect and on every read. Replies come back as String (simple or bulk), Long, List, null, or
 * {@link Err}. Not for the daemon, whose links are asynchronous.
 */
final class RespClient implements AutoCloseable {
    /** An error reply, as a value. */
    record Err(String text) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RespClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects, and logs in when {@code password} is given ({@code AUTH [user] password}). */
    static RespClient connect(Address address, int timeoutMillis, String user, String password) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(address.host(), address.port()), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            s.setTcpNoDelay(true);
            RespClient c = new RespClient(s);
            if (password != null) {
                Object r = user == null ? c.call("AUTH", password) : c.call("AUTH", user, password);
                if (r instanceof Err e) throw new IOException("AUTH refused: " + e.text());
            }
            return c;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    Object call(String... args) throws IOException {
        StringBuilder b = new StringBuilder().append('*').append(args.length).append("\r\n");
        for (String a : args) {
            b.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return read();
    }

    private Object read() throws IOException {
        int type = in.read();
        if (type < 0) throw new EOFException("connection closed");
        String line = line();
        switch (type) {
            case '+': return line;
            case '-': return new Err(line);
            case ':': return Long.parseLong(line);
            case '$': return bulk(Integer.parseInt(line));
            case '*':
                int n = Integer.parseInt(line);
                if (n < 0) return null;
                List<Object> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) items.add(read());
                return items;
            default: throw new IOException("not a RESP2 reply: " + (char) type + line);
        }
    }

    private String bulk(int length) throws IOException {
        if (length < 0) return null;
        byte[] data = in.readNBytes(length);
        if (data.length < length || in.read() != '\r' || in.read() != '\n') throw new EOFException("short bulk");
        return new String(data, StandardCharsets.UTF_8);
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\r'; c = in.read()) {
            if (c < 0) throw new EOFException("connection closed");
            b.append((char) c);
        }
        if (in.read() != '\n') throw new IOException("bad line end");
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
