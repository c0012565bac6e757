package io.catalogbulk.status;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.StartupEvent;

import io.catalogbulk.core.messaging.BrokerConnection;

/** Connects the publisher (used by retry) at start, in the background. */
public class BrokerStartup {

    @Inject
    BrokerConnection broker;

    void onStart(@Observes StartupEvent event) {
        broker.start();
    }
}
