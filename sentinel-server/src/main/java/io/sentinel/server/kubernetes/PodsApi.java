package io.sentinel.server.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The one call the master-label feature makes: a JSON merge patch of one label on one pod
 * ({@code PATCH /api/v1/namespaces/<ns>/pods/<pod>}), with the JDK's HTTP client, the service account's token
 * (read again for every call: Kubernetes rotates bound tokens) and its CA. A merge patch sets the label whatever
 * its value was, and leaves every other field alone, so any number of sentinels can send the same one.
 */
final class PodsApi {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** An answer: the HTTP status (-1: no answer) and the API's message or the I/O error. */
    record Result(int status, String message) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final PodLabelSettings settings;
    private final HttpClient http;

    PodsApi(PodLabelSettings settings) {
        this.settings = settings;
        // HTTP/1.1: one small request now and then needs no HTTP/2 (and no h2c upgrade on a plain http:// URL)
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT);
        if ("https".equals(settings.apiUrl().getScheme()) && Files.isReadable(settings.caFile())) {
            b.sslContext(trusting(settings));
        }
        this.http = b.build();
    }

    Result patchLabel(String pod, String value) {
        URI uri = URI.create(settings.apiUrl() + "/api/v1/namespaces/" + settings.namespace() + "/pods/" + pod);
        String body = "{\"metadata\":{\"labels\":{\"" + settings.label() + "\":\"" + value + "\"}}}";
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/merge-patch+json").header("Accept", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body));
        String token = token();
        if (token != null) request.header("Authorization", "Bearer " + token);
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Result(r.statusCode(), r.statusCode() < 300 ? "" : message(r.body()));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    /** The service account token, or null when there is none (then the API decides: usually 401 or 403). */
    private String token() {
        try {
            return Files.isReadable(settings.tokenFile()) ? Files.readString(settings.tokenFile()).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The {@code message} of a Kubernetes {@code Status} body, else the body itself, cut short. */
    static String message(String body) {
        Matcher m = MESSAGE.matcher(body == null ? "" : body);
        String text = m.find() ? m.group(1).replace("\\\"", "\"") : String.valueOf(body);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static SSLContext trusting(PodLabelSettings settings) {
        try (InputStream in = Files.newInputStream(settings.caFile())) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("kubernetes-ca-file " + settings.caFile() + ": " + e.getMessage(), e);
        }
    }
}
