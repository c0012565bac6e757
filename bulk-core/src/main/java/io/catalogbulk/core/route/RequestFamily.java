package io.catalogbulk.core.route;

/** Synchronous {@code /V1/...}, asynchronous {@code /async/V1/...} or bulk {@code /async/bulk/V1/...}. */
public enum RequestFamily {
    SYNC, ASYNC, BULK
}
