package io.catalogbulk.core.outbound;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits of every call this system makes to a URL a client gave it (remote import files, webhooks). Private and
 * loopback addresses are refused unless {@code allow-private-addresses} is set (a test, or an intranet
 * deployment that means it); plain http only with {@code allow-http}.
 */
@ConfigMapping(prefix = "catalog-bulk.outbound")
public interface OutboundConfig {

    @WithDefault("false")
    boolean allowPrivateAddresses();

    @WithDefault("false")
    boolean allowHttp();

    @WithDefault("5s")
    Duration connectTimeout();

    /** Longest wait for the next bytes of an answer. */
    @WithDefault("30s")
    Duration readTimeout();

    @WithDefault("3")
    int maxRedirects();
}
