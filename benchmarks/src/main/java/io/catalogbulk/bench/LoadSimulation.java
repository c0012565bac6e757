package io.catalogbulk.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CoreDsl;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * The Gatling simulation of bin/load-test, run by {@link LoadTest} in a JVM of its own: {@code load.clients}
 * closed-loop clients for {@code load.seconds}, each sending one kind of request back to back (single async calls,
 * bulks of 100, bulks of 1,000, status polls of a bulk it submitted). 202 and the documented 429 (rate or open
 * operation limit) pass the check, anything else is an error. The operations each 202 accepted are counted and
 * written to {@code load.counts}, so LoadTest can compare them with what the database holds afterwards.
 */
public class LoadSimulation extends Simulation {

    /** One request kind: its share of the clients and the operations one accepted request carries. */
    private record Kind(String name, double share, int operations, AtomicLong accepted, AtomicLong limited) {
        Kind(String name, double share, int operations) {
            this(name, share, operations, new AtomicLong(), new AtomicLong());
        }
    }

    private static final Kind SINGLE = new Kind("async single", 0.50, 1);
    private static final Kind BULK_100 = new Kind("async bulk 100", 0.20, 100);
    private static final Kind BULK_1000 = new Kind("async bulk 1000", 0.05, 1000);
    private static final AtomicLong SKUS = new AtomicLong();
    private static final AtomicLong POLLS_LIMITED = new AtomicLong();

    private final int clients = Integer.getInteger("load.clients", 200);
    private final Duration duration = Duration.ofSeconds(Long.getLong("load.seconds", 120));
    private final String prefix = System.getProperty("load.prefix", "lt");

    public LoadSimulation() {
        HttpProtocolBuilder protocol = http.header("Authorization", "Bearer " + System.getProperty("load.token"))
                .contentTypeHeader("application/json").acceptHeader("application/json");
        String ingest = System.getProperty("load.ingest") + "/rest";
        String statusUrl = System.getProperty("load.status") + "/rest";
        int pollers = Math.max(1, clients - users(SINGLE) - users(BULK_100) - users(BULK_1000));
        List<PopulationBuilder> populations = new java.util.ArrayList<>();
        for (Kind kind : List.of(SINGLE, BULK_100, BULK_1000)) {
            // exitASAP off: by default a loop leaves as soon as its time is up, skipping the count of a request
            // already answered 202, and the database then holds more operations than were counted.
            ScenarioBuilder scenario = scenario(kind.name()).during(duration, false).on(submit(kind, ingest));
            populations.add(scenario.injectOpen(atOnceUsers(users(kind))));
        }
        // A poller first submits one single call of its own, then polls that bulk's status for the rest of the run.
        ScenarioBuilder polls = scenario("status poll").exec(submit(SINGLE, ingest)).doIf(session -> session.contains("uuid"))
                .then(CoreDsl.during(duration, false).on(http("status poll").get(statusUrl + "/V1/bulk/#{uuid}/status")
                        .check(status().in(200, 429).saveAs("code"))))
                .exec(session -> {
                    if (session.getInt("code") == 429) {
                        POLLS_LIMITED.incrementAndGet();
                    }
                    return session;
                });
        populations.add(polls.injectOpen(atOnceUsers(pollers)));
        setUp(populations).protocols(protocol).maxDuration(duration.plusSeconds(60));
    }

    private int users(Kind kind) {
        return Math.max(1, (int) Math.round(clients * kind.share()));
    }

    private ChainBuilder submit(Kind kind, String ingest) {
        String path = kind.operations() == 1 ? "/async/V1/products" : "/async/bulk/V1/products";
        return CoreDsl.exec(http(kind.name()).post(ingest + path).body(CoreDsl.ByteArrayBody(session -> body(kind)))
                .check(status().in(202, 429).saveAs("code"), jsonPath("$.bulk_uuid").optional().saveAs("uuid")))
                .exec(session -> {
                    if (session.contains("code")) {
                        (session.getInt("code") == 202 ? kind.accepted() : kind.limited()).incrementAndGet();
                    }
                    return session.remove("code");
                });
    }

    private byte[] body(Kind kind) {
        long first = SKUS.getAndAdd(kind.operations());
        if (kind.operations() == 1) {
            return Products.item(prefix + "-" + first).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        return Products.bulk(Products.skus(prefix + "-" + first, kind.operations()));
    }

    @Override
    public void after() {
        StringBuilder json = new StringBuilder("{");
        for (Kind kind : List.of(SINGLE, BULK_100, BULK_1000)) {
            json.append('"').append(kind.name()).append("\":{\"accepted\":").append(kind.accepted().get()).append(",\"operations\":")
                    .append(kind.accepted().get() * kind.operations()).append(",\"limited\":").append(kind.limited().get()).append("},");
        }
        json.append("\"status poll\":{\"limited\":").append(POLLS_LIMITED.get()).append("}}");
        try {
            Files.writeString(Path.of(System.getProperty("load.counts")), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
