package io.catalogbulk.ingest.publish;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.StartupEvent;

import io.catalogbulk.core.messaging.BrokerConnection;

/** Connects to RabbitMQ at start, in the background: the service starts (not ready) while the broker is down. */
public class BrokerStartup {

    @Inject
    BrokerConnection broker;

    void onStart(@Observes StartupEvent event) {
        broker.start();
    }
}
