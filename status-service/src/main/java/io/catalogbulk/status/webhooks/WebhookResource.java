package io.catalogbulk.status.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.catalogbulk.core.db.TransientErrors;
import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.outbound.OutboundException;
import io.catalogbulk.core.outbound.OutboundHttp;
import io.catalogbulk.core.outbound.PublicAddresses;
import io.catalogbulk.core.security.AclResources;
import io.catalogbulk.core.security.Authenticator;
import io.catalogbulk.core.security.Principal;
import io.catalogbulk.core.security.SecretCipher;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Completion webhooks: a principal subscribes a URL to {@code bulk.finished} and {@code import.finished} and is then
 * sent one signed POST for each of its own bulks (or imports) that finishes. Every route needs a token, like the
 * bulk status routes; a subscription belongs to whoever created it, and anyone else's (or an unknown id) is 404.
 * The secret is shown once, in the answer to the POST; it is stored encrypted (OAUTH_SECRETS_KEY).
 */
@Path("/rest/V1/bulk/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "webhooks", description = "Completion webhooks (Standard Webhooks signatures)")
@SecurityRequirement(name = "bearerAuth")
public class WebhookResource {

    static final Set<String> EVENTS = Set.of("bulk.finished", "import.finished");
    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_BODY_BYTES = 16 * 1024;
    static final int MAX_DELIVERIES = 1000;
    static final String NOT_FOUND = "Webhook %id does not exist.";

    @Inject
    Authenticator authenticator;

    @Inject
    WebhookStore store;

    @Inject
    WebhookConfig config;

    @Inject
    SecretCipher cipher;

    @Inject
    OutboundHttp outbound;

    @POST
    @Operation(summary = "Subscribe a URL to completion events of your bulks; the answer holds the signing secret (shown once)")
    public Map<String, Object> subscribe(@Context HttpHeaders headers, InputStream body) {
        Caller owner = owner(headers);
        JsonNode webhook = readBody(body).get("webhook");
        if (webhook == null || !webhook.isObject()) {
            throw WebapiException.requiredField("webhook");
        }
        URI url = url(webhook.get("url"));
        List<String> events = events(webhook.get("events"));
        if (!cipher.configured()) {
            throw WebapiException.serviceUnavailable("Webhooks need OAUTH_SECRETS_KEY to store their secrets.", 60);
        }
        if (database(() -> store.count(owner)) >= config.maxSubscriptionsPerOwner()) {
            throw WebapiException.badRequest(Phrase.of("A user may have at most %max webhooks; delete one first.",
                    Map.of("max", config.maxSubscriptionsPerOwner())));
        }
        UUID id = UUID.randomUUID();
        String secret = Signature.newSecret();
        database(() -> {
            store.subscribe(id, owner, url.toString(), events, cipher.encrypt(secret));
            return null;
        });
        Map<String, Object> answer = describe(new WebhookStore.Subscription(id, url.toString(), events, null));
        answer.put("secret", secret);
        return answer;
    }

    @GET
    @Operation(summary = "Your webhook subscriptions (without their secrets)")
    public List<Map<String, Object>> list(@Context HttpHeaders headers) {
        Caller owner = owner(headers);
        return database(() -> store.list(owner)).stream().map(WebhookResource::describe).toList();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a subscription: nothing more is sent to it, pending deliveries included")
    public boolean delete(@PathParam("id") String id, @Context HttpHeaders headers) {
        Caller owner = owner(headers);
        UUID uuid = id(id);
        if (!database(() -> store.delete(owner, uuid))) {
            throw notFound(id);
        }
        return true;
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(summary = "Every delivery attempt of the subscription's events, newest first: time, HTTP status, error")
    public List<Map<String, Object>> deliveries(@PathParam("id") String id, @Context HttpHeaders headers) {
        Caller owner = owner(headers);
        UUID uuid = id(id);
        database(() -> store.find(owner, uuid)).orElseThrow(() -> notFound(id));
        List<Map<String, Object>> out = new ArrayList<>();
        for (WebhookStore.Attempt attempt : database(() -> store.attempts(uuid, MAX_DELIVERIES))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("event_id", "msg_" + attempt.eventId());
            row.put("type", attempt.type());
            row.put("bulk_uuid", attempt.bulkUuid().toString());
            row.put("event_state", attempt.state());
            row.put("attempted_at", Json.timestamp(attempt.attemptedAt()));
            row.put("http_status", attempt.httpStatus());
            row.put("error", attempt.error());
            row.put("duration_ms", attempt.durationMs());
            out.add(row);
        }
        return out;
    }

    private Caller owner(HttpHeaders headers) {
        if (!config.enabled()) {
            throw WebapiException.noRoute();
        }
        Principal principal = authenticator.authenticated(headers.getHeaderString(HttpHeaders.AUTHORIZATION), AclResources.BULK_LOG);
        return principal.caller();
    }

    private static Map<String, Object> describe(WebhookStore.Subscription subscription) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", subscription.id().toString());
        out.put("url", subscription.url());
        out.put("events", subscription.events());
        if (subscription.createdAt() != null) {
            out.put("created_at", Json.timestamp(subscription.createdAt()));
        }
        return out;
    }

    /**
     * An absolute https URL (http where allowed) without credentials, whose host is, or resolves to, public
     * addresses only (unless private ones are allowed). Checked again, address by address, at every delivery.
     */
    private URI url(JsonNode value) {
        if (value == null || value.isNull()) {
            throw WebapiException.requiredField("url");
        }
        String text = value.isTextual() ? value.asText().strip() : "";
        if (text.isEmpty() || text.length() > MAX_URL_LENGTH) {
            throw invalidUrl(text.length() > MAX_URL_LENGTH ? "It is longer than " + MAX_URL_LENGTH + " characters." : "It is not a URL.");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalidUrl("It is not a URL.");
        }
        if (!uri.isAbsolute() || uri.getRawFragment() != null) {
            throw invalidUrl("It must be an absolute URL without a fragment.");
        }
        OutboundHttp.Policy policy = new OutboundHttp.Policy(config.allowPrivateAddresses(), config.allowHttp());
        try {
            outbound.check(uri, policy);
        } catch (OutboundException e) {
            throw invalidUrl(e.getMessage());
        }
        if (!policy.allowPrivateAddresses()) {
            try {
                for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                    if (!PublicAddresses.isPublic(address)) {
                        throw invalidUrl("Its host resolves to a private, loopback or reserved address.");
                    }
                }
            } catch (UnknownHostException e) {
                throw invalidUrl("Its host cannot be resolved.");
            }
        }
        return uri;
    }

    private static List<String> events(JsonNode value) {
        if (value == null || value.isNull()) {
            throw WebapiException.requiredField("events");
        }
        if (!value.isArray() || value.isEmpty() || value.size() > 10) {
            throw WebapiException.badRequest(Phrase.of("\"events\" must list one or more of: %events.",
                    Map.of("events", "bulk.finished, import.finished")));
        }
        Set<String> events = new LinkedHashSet<>();
        for (JsonNode event : value) {
            if (!event.isTextual() || !EVENTS.contains(event.asText())) {
                String shown = event.asText();
                throw WebapiException.badRequest(Phrase.of(WebapiException.INVALID_FIELD_VALUE, ordered("value",
                        shown.length() > 64 ? shown.substring(0, 64) + "..." : shown, "fieldName", "events")));
            }
            events.add(event.asText());
        }
        return List.copyOf(events);
    }

    private static WebapiException invalidUrl(String why) {
        return WebapiException.badRequest(Phrase.of("The webhook URL is not accepted: %reason", Map.of("reason", why)));
    }

    private static UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
    }

    private static WebapiException notFound(String id) {
        return WebapiException.notFound(Phrase.of(NOT_FOUND, Map.of("id", id.length() > 64 ? id.substring(0, 64) + "..." : id)));
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    private static JsonNode readBody(InputStream body) {
        byte[] bytes;
        try {
            bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new WebapiException(400, Phrase.of(WebapiException.DECODING_ERROR));
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new WebapiException(413, Phrase.of("The request body is larger than %max bytes.", Map.of("max", MAX_BODY_BYTES)));
        }
        try {
            JsonNode node = bytes.length == 0 ? null : Json.MAPPER.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw WebapiException.requiredField("webhook");
            }
            return node;
        } catch (IOException e) {
            throw new WebapiException(400, Phrase.of(WebapiException.DECODING_ERROR));
        }
    }

    @FunctionalInterface
    interface DatabaseCall<T> {
        T run() throws SQLException;
    }

    private static <T> T database(DatabaseCall<T> call) {
        try {
            return call.run();
        } catch (SQLException e) {
            if (TransientErrors.isConnectionFailure(e)) {
                throw WebapiException.serviceUnavailable("The database is unavailable. Retry later.", 5);
            }
            throw new IllegalStateException(e);
        }
    }
}
