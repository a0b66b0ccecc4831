package io.sentinel.server.compat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal RESP2/RESP3 client that keeps every reply's exact wire type, which client libraries hide (Jedis reads
 * {@code +OK} and {@code $2 OK} alike). Protocol 3 sends {@code HELLO 3} first.
 */
public final class RawRespClient implements ReplySource {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawRespClient(int port, int protocol) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (protocol == 3) call("HELLO", "3");
    }

    @Override
    public RespNode call(String... args) {
        try {
            StringBuilder req = new StringBuilder("*").append(args.length).append("\r\n");
            for (String a : args) {
                req.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
            }
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RespNode read() throws IOException {
        char type = (char) in.read();
        String line = line();
        switch (type) {
            case '+': case '-': case ':': case ',': case '#': case '(':
                return RespNode.scalar(type, line);
            case '_':
                return RespNode.nil('_');
            case '$': case '=': case '!':
                int len = Integer.parseInt(line);
                if (len < 0) return RespNode.nil(type);
                byte[] data = in.readNBytes(len + 2);
                return RespNode.scalar(type, new String(data, 0, len, StandardCharsets.UTF_8));
            case '*': case '~': case '>': case '%':
                int n = Integer.parseInt(line);
                if (n < 0) return RespNode.nil(type);
                int count = type == '%' ? n * 2 : n;
                List<RespNode> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) items.add(read());
                return RespNode.aggregate(type, items);
            default:
                throw new IOException("unexpected RESP type byte " + (int) type + " then " + line);
        }
    }

    private String line() throws IOException {
        StringBuilder s = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) throw new IOException("connection closed");
            s.append((char) c);
        }
        in.read();
        return s.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test connection: nothing to do
        }
    }
}
