package io.catalogbulk.ingest.importing;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits and pacing of the asynchronous import (catalog-bulk.import.*, docs/import.md). */
@ConfigMapping(prefix = "catalog-bulk.import")
public interface ImportConfig {

    /** Largest file accepted (decoded size, after gzip); a larger upload is refused with 413 and nothing is kept. */
    @WithDefault("4G")
    MemorySize maxSourceSize();

    /** Most data rows a file may hold (413 above it). */
    @WithDefault("5000000")
    long maxRows();

    /** Bytes of a file per stored chunk row: what the upload, the split and the download hold in memory at most. */
    @WithDefault("1M")
    MemorySize chunkSize();

    /** At most this many structural errors are listed for a source, and this many row errors for an import. */
    @WithDefault("100")
    int maxReportedErrors();

    /** Largest cell of a CSV file, in characters (a longer one is a structural error). */
    @WithDefault("1048576")
    int maxCellChars();

    /** Rows the split turns into operations per transaction (the unit it resumes from after a crash). */
    @WithDefault("1000")
    int splitChunkRows();

    /** How long a splitter owns an import without renewing; a crashed splitter's import is taken over after it. */
    @WithDefault("60s")
    Duration splitLease();

    /** How often each ingest replica looks for imports to split (queued, or whose splitter's lease ran out). */
    @WithDefault("2s")
    Duration splitInterval();

    /** How long fetching a {@code remote_https_file} may take, whole (its size is limited by max-source-size). */
    @WithDefault("10m")
    Duration remoteTimeout();

    /** Imports one ingest replica splits at the same time. */
    @WithDefault("1")
    int splitThreads();
}
