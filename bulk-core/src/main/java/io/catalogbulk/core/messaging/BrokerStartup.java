package io.catalogbulk.core.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;

/**
 * Connects the publisher to RabbitMQ at start, in the background: a service that publishes (ingest, and status
 * for retry) starts, not ready, while the broker is down, and becomes ready once it is connected.
 */
@ApplicationScoped
@IfBuildProperty(name = "catalog-bulk.publisher.enabled", stringValue = "true", enableIfMissing = true)
public class BrokerStartup {

    @Inject
    BrokerConnection broker;

    void onStart(@Observes StartupEvent event) {
        broker.start();
    }
}
