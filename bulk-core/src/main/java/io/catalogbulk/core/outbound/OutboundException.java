package io.catalogbulk.core.outbound;

/**
 * An outbound call that was refused or failed. The message is safe to show to the client that named the URL: it
 * says what went wrong (private address, too large, too slow, too many redirects) without echoing secrets.
 */
public class OutboundException extends Exception {

    public OutboundException(String message) {
        super(message, null, false, false);
    }

    public OutboundException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
