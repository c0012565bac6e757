package io.catalogbulk.core.outbound;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Calls to URLs that clients name (a remote import file, a webhook receiver), guarded against server-side request
 * forgery: the scheme must be https (http only where configured), the URL may carry no credentials, and every
 * address the host name resolves to must be public. The check sits in the client's DNS resolver, so the address
 * that is checked is the address that is connected to (a host that resolves to a public address for the check and
 * to a private one for the connection gains nothing). Redirects are followed only by {@link #get}, each hop checked
 * again.
 */
@ApplicationScoped
public class OutboundHttp {

    @Inject
    OutboundConfig config;

    /** One client per policy: the address check sits in the client's resolver. */
    private final Map<Policy, CloseableHttpClient> clients = new ConcurrentHashMap<>();

    /** Aborts a POST that has not been answered by its deadline (a receiver that trickles its answer byte by byte). */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "outbound-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * What a caller accepts: private and loopback addresses, plain http. Remote import files use the
     * {@code catalog-bulk.outbound} settings; webhooks have their own switches.
     */
    public record Policy(boolean allowPrivateAddresses, boolean allowHttp) {
    }

    /** An answer whose body is streamed; close it. */
    public record Download(URI uri, int status, String contentType, String contentEncoding, long contentLength,
            InputStream body, Closeable response) implements Closeable {
        @Override
        public void close() throws IOException {
            response.close();
        }
    }

    /** The answer to a POST: its status and the first bytes of its body (for a delivery log). */
    public record Posted(int status, String bodyStart) {
    }

    /**
     * Opens a GET, following up to {@code max-redirects} redirects. The body may hold at most {@code maxBytes} and
     * must arrive within {@code deadline}; beyond either, reading it throws an {@link IOException} whose message
     * says so. A status other than 2xx is returned as it is: the caller decides what it means.
     */
    public Download get(URI uri, long maxBytes, Duration deadline) throws OutboundException {
        long until = System.nanoTime() + deadline.toNanos();
        URI current = uri;
        for (int hop = 0; hop <= config.maxRedirects(); hop++) {
            check(current);
            CloseableHttpResponse response;
            try {
                response = client().execute(new HttpGet(current));
            } catch (RefusedAddressException e) {
                throw new OutboundException(e.getMessage());
            } catch (IOException e) {
                throw new OutboundException("The URL could not be fetched: " + describe(e), e);
            }
            int status = response.getCode();
            if (status >= 300 && status < 400 && response.getFirstHeader("Location") != null) {
                String location = response.getFirstHeader("Location").getValue();
                closeQuietly(response);
                try {
                    current = current.resolve(new URI(location));
                } catch (URISyntaxException e) {
                    throw new OutboundException("The URL redirects to an invalid location.");
                }
                continue;
            }
            HttpEntity entity = response.getEntity();
            try {
                InputStream body = entity == null ? InputStream.nullInputStream() : entity.getContent();
                return new Download(current, status, header(response.getFirstHeader("Content-Type")),
                        header(response.getFirstHeader("Content-Encoding")), entity == null ? 0 : entity.getContentLength(),
                        new LimitedStream(body, maxBytes, until), response);
            } catch (IOException e) {
                closeQuietly(response);
                throw new OutboundException("The URL could not be fetched: " + describe(e), e);
            }
        }
        throw new OutboundException("The URL redirects more than " + config.maxRedirects() + " times.");
    }

    /** One POST; a redirect is not followed (it is returned as its status). */
    public Posted post(URI uri, Map<String, String> headers, byte[] body, String contentType) throws OutboundException {
        return post(uri, headers, body, contentType, config.readTimeout(), defaultPolicy());
    }

    /**
     * One POST that is over within {@code deadline}, answered or not (connect, send and the answer's first 1 KiB
     * together); a redirect is not followed (it is returned as its status, so a redirect to a private address
     * reaches nothing).
     */
    public Posted post(URI uri, Map<String, String> headers, byte[] body, String contentType, Duration deadline, Policy policy)
            throws OutboundException {
        check(uri, policy);
        HttpPost post = new HttpPost(uri);
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
        Timeout timeout = Timeout.of(deadline.compareTo(config.readTimeout()) < 0 ? deadline : config.readTimeout());
        post.setConfig(RequestConfig.custom().setResponseTimeout(timeout).setRedirectsEnabled(false).build());
        ScheduledFuture<?> abort = DEADLINES.schedule(() -> { post.cancel(); }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        try (CloseableHttpResponse response = client(policy).execute(post)) {
            String start = "";
            if (response.getEntity() != null) {
                try (InputStream in = response.getEntity().getContent()) {
                    start = new String(in.readNBytes(1024), StandardCharsets.UTF_8);
                }
            }
            return new Posted(response.getCode(), start);
        } catch (RefusedAddressException e) {
            throw new OutboundException(e.getMessage());
        } catch (IOException e) {
            if (post.isCancelled()) {
                throw new OutboundException("No answer within " + deadline.toMillis() + " ms.", e);
            }
            throw new OutboundException("The call failed: " + describe(e), e);
        } catch (RuntimeException e) {
            // Cancelled before the connection was leased, the client reports it unchecked (CancellationException,
            // IllegalStateException "Request cancelled").
            if (post.isCancelled()) {
                throw new OutboundException("No answer within " + deadline.toMillis() + " ms.", e);
            }
            throw e;
        } finally {
            abort.cancel(false);
        }
    }

    /** What can be known without a connection: scheme, credentials, host, and a literal address. */
    public void check(URI uri) throws OutboundException {
        check(uri, defaultPolicy());
    }

    /** {@link #check(URI)} under a policy; the address itself is checked when the host name is resolved. */
    public void check(URI uri, Policy policy) throws OutboundException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && policy.allowHttp())) {
            throw new OutboundException(policy.allowHttp() ? "Only http and https URLs are allowed." : "Only https URLs are allowed.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new OutboundException("The URL must not contain credentials.");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new OutboundException("The URL has no host.");
        }
    }

    private Policy defaultPolicy() {
        return new Policy(config.allowPrivateAddresses(), config.allowHttp());
    }

    private CloseableHttpClient client() {
        return client(defaultPolicy());
    }

    private CloseableHttpClient client(Policy policy) {
        return clients.computeIfAbsent(policy, this::build);
    }

    private CloseableHttpClient build(Policy policy) {
        Timeout connect = Timeout.of(config.connectTimeout());
        Timeout read = Timeout.of(config.readTimeout());
        DnsResolver resolver = new PublicOnlyResolver(policy.allowPrivateAddresses());
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(resolver)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(read).setRedirectsEnabled(false).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .useSystemProperties()
                .build();
    }

    @PreDestroy
    void close() {
        clients.values().forEach(OutboundHttp::closeQuietly);
        clients.clear();
    }

    private static String header(Header header) {
        return header == null ? null : header.getValue();
    }

    private static String describe(IOException e) {
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null ? name : name + " (" + e.getMessage() + ")";
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException e) {
                // nothing more to do with a connection we are discarding
            }
        }
    }

    /** Thrown by the resolver; an UnknownHostException so the client gives up at once instead of retrying. */
    static final class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String message) {
            super(message);
        }
    }

    /** Resolves with the system resolver and keeps only public addresses (all of them, unless private ones are allowed). */
    static final class PublicOnlyResolver implements DnsResolver {
        private final boolean allowPrivate;

        PublicOnlyResolver(boolean allowPrivate) {
            this.allowPrivate = allowPrivate;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
            if (allowPrivate) {
                return addresses;
            }
            // Every address must be public: a name that also resolves to a private address is refused whole, or a
            // retry on the next address would reach it.
            if (addresses.length == 0 || !Arrays.stream(addresses).allMatch(PublicAddresses::isPublic)) {
                throw new RefusedAddressException("The URL's host resolves to a private, loopback or reserved address.");
            }
            return addresses;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }
    }

    /** At most {@code max} bytes, until a deadline; each read that would go past either fails. */
    static final class LimitedStream extends FilterInputStream {
        private final long max;
        private final long deadlineNanos;
        private long read;

        LimitedStream(InputStream in, long max, long deadlineNanos) {
            super(in);
            this.max = max;
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (System.nanoTime() > deadlineNanos) {
                throw new IOException("The download took longer than allowed.");
            }
            int n = super.read(b, off, (int) Math.min(len, max - read + 1));
            if (n > 0) {
                read += n;
                if (read > max) {
                    throw new IOException("The file is larger than " + max + " bytes.");
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return Math.max(0, read(new byte[(int) Math.min(n, 8192)], 0, (int) Math.min(n, 8192)));
        }
    }
}
