package io.catalogbulk.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the project's scripts and tools (bin/images, npm, tar, kubectl) the way a user would. */
final class Commands {

    private Commands() {
    }

    static String run(Path directory, List<String> command, int timeoutSeconds) {
        return run(directory, command, Map.of(), timeoutSeconds);
    }

    /** Runs a command (with extra environment) and returns its standard output; fails on a non-zero exit. */
    static String run(Path directory, List<String> command, Map<String, String> env, int timeoutSeconds) {
        try {
            Path err = Files.createTempFile("kubectl-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectError(err.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            byte[] out;
            try (InputStream in = process.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in " + timeoutSeconds + " s");
            }
            String stderr = Files.readString(err);
            Files.deleteIfExists(err);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed (" + process.exitValue() + "): " + stderr);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
