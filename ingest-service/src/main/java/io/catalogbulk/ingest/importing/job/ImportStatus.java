package io.catalogbulk.ingest.importing.job;

/**
 * An import's status from its split state and its bulk's counts: {@code queued}, {@code splitting} and
 * {@code failed} are the split's; once split it is {@code processing} while any row is open, then
 * {@code complete_with_errors} if any row failed, else {@code complete}. It is never complete while a row is open.
 */
public final class ImportStatus {

    private ImportStatus() {
    }

    public static String of(String state, long open, long failed) {
        if (!state.equals("processing")) {
            return state;
        }
        if (open > 0) {
            return "processing";
        }
        return failed > 0 ? "complete_with_errors" : "complete";
    }
}
