package io.sentinel.server.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.sentinel.server.command.Errors;
import io.sentinel.server.reply.Resp;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a {@link Resp} straight into a ByteBuf in the connection's protocol. RESP2 has no maps, sets, nulls,
 * doubles, verbatim or push frames: maps and sets become flat arrays, null a {@code $-1} or {@code *-1}, a double a
 * bulk string, verbatim text a bulk string and a push an array, as Redis 7.0 does.
 */
public final class ReplyEncoder {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] NULL_BULK = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_ARRAY = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL3 = "_\r\n".getBytes(StandardCharsets.US_ASCII);

    private ReplyEncoder() {
    }

    public static void encode(Resp r, boolean resp3, ByteBuf out) {
        if (r instanceof Resp.Simple) {
            line(out, '+', ((Resp.Simple) r).value());
        } else if (r instanceof Resp.Bulk) {
            bulk(out, ((Resp.Bulk) r).value());
        } else if (r instanceof Resp.Int) {
            number(out, ':', ((Resp.Int) r).value());
        } else if (r instanceof Resp.Arr) {
            aggregate(out, '*', ((Resp.Arr) r).items(), resp3);
        } else if (r instanceof Resp.ErrorReply) {
            line(out, '-', Errors.sanitize(((Resp.ErrorReply) r).message()));
        } else if (r instanceof Resp.NullReply) {
            out.writeBytes(resp3 ? NULL3 : ((Resp.NullReply) r).array() ? NULL_ARRAY : NULL_BULK);
        } else if (r instanceof Resp.MapReply) {
            List<Resp> entries = ((Resp.MapReply) r).entries();
            if (resp3) {
                number(out, '%', entries.size() / 2);
                for (Resp e : entries) encode(e, true, out);
            } else {
                aggregate(out, '*', entries, false);
            }
        } else if (r instanceof Resp.SetReply) {
            aggregate(out, resp3 ? '~' : '*', ((Resp.SetReply) r).items(), resp3);
        } else if (r instanceof Resp.Push) {
            aggregate(out, resp3 ? '>' : '*', ((Resp.Push) r).items(), resp3);
        } else {
            encodeRare(r, resp3, out);
        }
    }

    private static void encodeRare(Resp r, boolean resp3, ByteBuf out) {
        if (r instanceof Resp.Dbl) {
            String text = formatDouble(((Resp.Dbl) r).value());
            if (resp3) line(out, ',', text);
            else bulk(out, text);
        } else if (r instanceof Resp.Verbatim) {
            Resp.Verbatim v = (Resp.Verbatim) r;
            if (resp3) {
                int len = ByteBufUtil.utf8Bytes(v.text());
                number(out, '=', len + 4);
                out.writeCharSequence(v.format(), StandardCharsets.US_ASCII);
                out.writeByte(':');
                ByteBufUtil.reserveAndWriteUtf8(out, v.text(), len);
                out.writeBytes(CRLF);
            } else {
                bulk(out, v.text());
            }
        } else {
            throw new IllegalStateException("unknown reply type " + r.getClass());
        }
    }

    private static void aggregate(ByteBuf out, char type, List<Resp> items, boolean resp3) {
        number(out, type, items.size());
        for (Resp item : items) encode(item, resp3, out);
    }

    private static void line(ByteBuf out, char type, String text) {
        out.writeByte(type);
        ByteBufUtil.writeUtf8(out, text);
        out.writeBytes(CRLF);
    }

    static void bulk(ByteBuf out, String text) {
        int len = ByteBufUtil.utf8Bytes(text);
        number(out, '$', len);
        ByteBufUtil.reserveAndWriteUtf8(out, text, len);
        out.writeBytes(CRLF);
    }

    private static void number(ByteBuf out, char type, long value) {
        out.writeByte(type);
        if (value >= 0 && value < 10) {
            out.writeByte('0' + (int) value);
        } else {
            out.writeCharSequence(Long.toString(value), StandardCharsets.US_ASCII);
        }
        out.writeBytes(CRLF);
    }

    /** C's {@code %.17g}, which Redis uses for doubles; {@code inf}, {@code -inf} and {@code nan} as RESP3 says. */
    static String formatDouble(double d) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == 0) return (1 / d < 0) ? "-0" : "0";
        BigDecimal bd = new BigDecimal(d).round(new MathContext(17)).stripTrailingZeros();
        int exponent = bd.precision() - bd.scale() - 1;
        if (exponent < -4 || exponent >= 17) {
            String digits = bd.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String exp = (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
            return (bd.signum() < 0 ? "-" : "") + mantissa + "e" + exp;
        }
        return bd.toPlainString();
    }
}
