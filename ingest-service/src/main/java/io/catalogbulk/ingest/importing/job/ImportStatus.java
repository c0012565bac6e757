package io.catalogbulk.ingest.importing.job;

/**
 * An import's status from its split state and its bulk's counts: {@code queued}, {@code splitting} and
 * {@code failed} are the split's; once split it is {@code processing} while any row is open, then
 * {@code complete_with_errors} if any row failed, else {@code complete}. It is never complete while a row is open.
 * A cancelled import ends {@code cancelled}.
 */
public final class ImportStatus {

    private ImportStatus() {
    }

    public static String of(String state, long open, long failed) {
        return of(state, false, open, failed);
    }

    /**
     * A cancelled import is {@code cancelled} once none of its rows is open any more (an operation a worker was executing
     * when the cancel came finishes normally; until then the import is still {@code processing}).
     */
    public static String of(String state, boolean cancelled, long open, long failed) {
        if (cancelled && !state.equals("failed")) {
            return open > 0 ? "processing" : "cancelled";
        }
        if (!state.equals("processing")) {
            return state;
        }
        if (open > 0) {
            return "processing";
        }
        return failed > 0 ? "complete_with_errors" : "complete";
    }
}
