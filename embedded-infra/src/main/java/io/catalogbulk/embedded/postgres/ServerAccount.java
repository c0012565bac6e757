package io.catalogbulk.embedded.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The operating-system account the PostgreSQL processes run as. PostgreSQL refuses to run as root, so when this
 * process is root (a CI machine, a container) they run as {@code nobody} through {@code setpriv}, and the files
 * they write are handed to that account; otherwise they run as the current user.
 */
final class ServerAccount {

    private static final String UNPRIVILEGED_USER = "nobody";

    private final List<String> commandPrefix;
    private final String owner;

    private ServerAccount(List<String> commandPrefix, String owner) {
        this.commandPrefix = commandPrefix;
        this.owner = owner;
    }

    static ServerAccount forThisProcess() throws IOException, InterruptedException {
        if ("0".equals(output(List.of("id", "-u")))) {
            String uid = output(List.of("id", "-u", UNPRIVILEGED_USER));
            String gid = output(List.of("id", "-g", UNPRIVILEGED_USER));
            return new ServerAccount(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"),
                    UNPRIVILEGED_USER);
        }
        return new ServerAccount(List.of(), null);
    }

    /** Whether the PostgreSQL processes run as another account than this process. */
    boolean isSwitched() {
        return owner != null;
    }

    String describe() {
        return owner == null ? "the current user" : "user " + owner + " (PostgreSQL refuses to run as root)";
    }

    /** {@code command} as this account runs it. */
    List<String> command(List<String> command) {
        List<String> full = new ArrayList<>(commandPrefix);
        full.addAll(command);
        return full;
    }

    /** Gives a file or directory this process created to the account, so the server can write it. */
    void own(Path path) throws IOException {
        if (owner != null) {
            Files.setOwner(path, path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(owner));
        }
    }

    private static String output(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
