package io.catalogbulk.worker.execution;

/** Nothing could be recorded for a message: it goes back to the queue to be executed later. */
public class DatabaseUnavailableException extends Exception {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
