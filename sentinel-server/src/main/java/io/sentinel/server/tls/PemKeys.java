package io.sentinel.server.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The traditional OpenSSL key files that the JDK cannot read but Redis (OpenSSL) and cert-manager's default
 * {@code PKCS1} encoding use: {@code BEGIN RSA PRIVATE KEY} (PKCS#1) and {@code BEGIN EC PRIVATE KEY} (SEC1),
 * unencrypted. Each is wrapped in the PKCS#8 structure the JDK reads. Anything else is left to Netty (PKCS#8,
 * encrypted PKCS#8).
 */
final class PemKeys {
    private static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500"); // rsaEncryption, NULL
    private static final byte[] EC_PUBLIC_KEY_OID = hex("06072a8648ce3d0201");          // id-ecPublicKey

    private PemKeys() {
    }

    /** The key of a PKCS#1 or SEC1 file, or null when the file is in another format (Netty reads those). */
    static PrivateKey readTraditional(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            byte[] der = body(pem, "RSA PRIVATE KEY");
            return KeyFactory.getInstance("RSA").generatePrivate(pkcs8(RSA_ALGORITHM, der));
        }
        if (pem.contains("BEGIN EC PRIVATE KEY")) {
            byte[] der = body(pem, "EC PRIVATE KEY");
            byte[] algorithm = sequence(concat(EC_PUBLIC_KEY_OID, curveOid(der)));
            return KeyFactory.getInstance("EC").generatePrivate(pkcs8(algorithm, der));
        }
        return null;
    }

    private static byte[] body(String pem, String label) throws IOException {
        if (pem.contains("Proc-Type: 4,ENCRYPTED")) {
            throw new IOException("encrypted " + label + " files are not supported: convert with"
                    + " 'openssl pkcs8 -topk8 -v2 aes-256-cbc' (then tls-key-file-pass applies)");
        }
        int start = pem.indexOf("-----BEGIN " + label + "-----") + label.length() + 16;
        int end = pem.indexOf("-----END " + label + "-----");
        return Base64.getMimeDecoder().decode(pem.substring(start, end));
    }

    /** SEC1: SEQUENCE { INTEGER 1, OCTET STRING key, [0] curve OID, [1] public key }; the [0] element's OID. */
    private static byte[] curveOid(byte[] sec1) throws IOException {
        int[] pos = {0};
        enter(sec1, pos, 0x30);
        skip(sec1, pos); // version
        skip(sec1, pos); // private key
        if (pos[0] >= sec1.length || (sec1[pos[0]] & 0xff) != 0xa0) {
            throw new IOException("EC key without its curve: write it with 'openssl ec -param_out' or as PKCS#8");
        }
        int len = enter(sec1, pos, 0xa0);
        byte[] oid = new byte[len];
        System.arraycopy(sec1, pos[0], oid, 0, len);
        return oid;
    }

    /** Reads a tag and length at {@code pos}, leaves {@code pos} at the content; the content length. */
    private static int enter(byte[] der, int[] pos, int tag) throws IOException {
        if (pos[0] + 2 > der.length || (der[pos[0]] & 0xff) != tag) throw new IOException("not a DER key");
        int first = der[pos[0] + 1] & 0xff;
        pos[0] += 2;
        if (first < 0x80) return first;
        int len = 0;
        for (int i = 0; i < (first & 0x7f); i++) len = (len << 8) | (der[pos[0]++] & 0xff);
        return len;
    }

    private static void skip(byte[] der, int[] pos) throws IOException {
        int len = enter(der, pos, der[pos[0]] & 0xff);
        pos[0] += len;
    }

    private static PKCS8EncodedKeySpec pkcs8(byte[] algorithm, byte[] key) {
        byte[] version = {0x02, 0x01, 0x00};
        return new PKCS8EncodedKeySpec(sequence(concat(version, algorithm, tlv(0x04, key))));
    }

    private static byte[] sequence(byte[] content) {
        return tlv(0x30, content);
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) out.write(n >>> (8 * i));
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
