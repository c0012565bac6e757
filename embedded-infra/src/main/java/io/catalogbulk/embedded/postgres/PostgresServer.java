package io.catalogbulk.embedded.postgres;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Consumer;

import io.catalogbulk.embedded.FileTree;

/**
 * A real PostgreSQL server (the binaries of {@link PostgresBinaries}) with its data in a directory that outlives
 * the process: {@code server/} holds the binaries, {@code data/} the cluster (created by initdb on the first start),
 * {@code postgres.log} the server log.
 * <p>
 * It listens on 127.0.0.1 only (no Unix socket) and asks for a password (scram-sha-256): on a shared machine any
 * local user could otherwise connect as the superuser. The server runs as a process of its own, started and
 * stopped with pg_ctl; a server left running by a process that was killed is stopped and started again, so the
 * port and settings are always the requested ones.
 */
public final class PostgresServer implements AutoCloseable {

    /** The superuser role initdb creates; the services and tests sign in with it. */
    public static final String SUPERUSER = "postgres";

    private final Path directory;
    private final int port;
    private final String password;
    private final Consumer<String> log;
    private ServerAccount account;
    private Path bin;
    private PgCtl pgCtl;
    private boolean started;

    /**
     * @param directory where the binaries, the data and the log live
     * @param port      TCP port on 127.0.0.1
     * @param password  password of the {@value #SUPERUSER} role (set when the cluster is created)
     * @param log       progress messages for the operator
     */
    public PostgresServer(Path directory, int port, String password, Consumer<String> log) {
        this.directory = directory.toAbsolutePath();
        this.port = port;
        this.password = password;
        this.log = log;
    }

    public void start() throws IOException, InterruptedException {
        Files.createDirectories(directory);
        account = ServerAccount.forThisProcess();
        bin = PostgresBinaries.unpack(directory.resolve("server")).resolve("bin");
        checkReachable();
        pgCtl = new PgCtl(directory, account, bin);
        if (!Files.isRegularFile(pgCtl.data().resolve("PG_VERSION"))) {
            initdb(pgCtl.data());
        }
        if (pgCtl.running()) {
            log.accept("stopping a PostgreSQL server left running in " + pgCtl.data() + " by an earlier run");
            pgCtl.stop();
        }
        Path logFile = directory.resolve("postgres.log");
        if (!Files.exists(logFile)) {
            Files.createFile(logFile);
        }
        account.own(logFile);
        int exit = pgCtl.run(List.of("start", "-l", logFile.toString(), "-w", "-t", "120", "-o", "-p " + port), true);
        if (exit != 0) {
            throw new IOException("PostgreSQL did not start (pg_ctl exit " + exit + "); see " + logFile);
        }
        started = true;
    }

    /** Creates {@code database} unless it exists. */
    public void createDatabase(String database) throws SQLException {
        try (Connection connection = connect("postgres")) {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
            }
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        properties.setProperty("password", password);
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    /** Stops the server (fast shutdown, see {@link PgCtl#stop()}). */
    @Override
    public void close() throws IOException, InterruptedException {
        if (started) {
            started = false;
            pgCtl.stop();
        }
    }

    /**
     * Stops a server running on the data directory of {@code directory}, if any, without starting anything: for a
     * stop after the process that started it was killed.
     */
    public static void stopLeftover(Path directory, Consumer<String> log) throws IOException, InterruptedException {
        Path root = directory.toAbsolutePath();
        Path bin = root.resolve("server/bin");
        if (!Files.isExecutable(bin.resolve("pg_ctl")) || !Files.isRegularFile(root.resolve("data/postmaster.pid"))) {
            return;
        }
        PgCtl pgCtl = new PgCtl(root, ServerAccount.forThisProcess(), bin);
        if (pgCtl.running()) {
            log.accept("stopping the PostgreSQL server in " + pgCtl.data());
            pgCtl.stop();
        }
    }

    /** As root the server runs as another account, which must be able to reach the binaries and the data. */
    private void checkReachable() throws IOException, InterruptedException {
        if (!account.isSwitched()) {
            return;
        }
        Process probe = new ProcessBuilder(account.command(List.of(bin.resolve("pg_ctl").toString(), "--version")))
                .redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (probe.waitFor() != 0) {
            throw new IOException("PostgreSQL runs as " + account.describe() + ", which cannot run " + bin.resolve("pg_ctl")
                    + " (" + output + "). Put the embedded directory where every user can reach it (EMBEDDED_DIR).");
        }
    }

    private void initdb(Path data) throws IOException, InterruptedException {
        log.accept("creating a PostgreSQL cluster in " + data + " (runs as " + account.describe() + ")");
        Path passwordFile = directory.resolve("initdb-password");
        IOException last = null;
        try {
            for (String locale : localesToTry()) {
                FileTree.delete(data);
                Files.createDirectories(data);
                if (FileTree.isPosix(data)) {
                    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
                }
                account.own(data);
                writePrivate(passwordFile, password + "\n");
                account.own(passwordFile);
                List<String> command = new ArrayList<>(List.of(bin.resolve("initdb").toString(), "-D", data.toString(),
                        "-U", SUPERUSER, "-A", "scram-sha-256", "--pwfile=" + passwordFile, "-E", "UTF8"));
                command.addAll(locale == null ? List.of("--no-locale") : List.of("--locale=" + locale));
                Path initdbLog = directory.resolve("initdb.log");
                Process initdb = new ProcessBuilder(account.command(command)).directory(directory.toFile())
                        .redirectErrorStream(true).redirectOutput(initdbLog.toFile()).start();
                if (initdb.waitFor() == 0) {
                    Files.writeString(data.resolve("postgresql.conf"), """

                            # embedded-infra: TCP on the loopback address only; the port is given at every start.
                            listen_addresses = '127.0.0.1'
                            unix_socket_directories = ''
                            """, StandardOpenOption.APPEND);
                    return;
                }
                last = new IOException("initdb failed with locale " + locale + "; see " + initdbLog);
            }
            throw last;
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    /**
     * The locale of the system PostgreSQL the project is tested on (C.UTF-8: byte order, Unicode case mapping);
     * macOS has no C.UTF-8, so the next best; the C locale as the last resort.
     */
    private static List<String> localesToTry() {
        List<String> locales = new ArrayList<>(List.of("C.UTF-8", "en_US.UTF-8"));
        if (System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("mac")) {
            locales.remove(0);
        }
        locales.add(null);
        return locales;
    }

    /** pg_ctl on the cluster in {@code directory/data}, run as the server account. */
    private record PgCtl(Path directory, ServerAccount account, Path bin) {

        Path data() {
            return directory.resolve("data");
        }

        boolean running() throws IOException, InterruptedException {
            return run(List.of("status"), false) == 0;
        }

        /** Fast shutdown: open transactions are rolled back, what was committed is on disk. */
        void stop() throws IOException, InterruptedException {
            int exit = run(List.of("stop", "-m", "fast", "-w", "-t", "60"), true);
            if (exit != 0) {
                throw new IOException("PostgreSQL did not stop (pg_ctl exit " + exit + ")");
            }
        }

        /** {@code pg_ctl <action> -D <data> <options...>}; returns its exit status. */
        int run(List<String> actionAndOptions, boolean inheritOutput) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), actionAndOptions.get(0), "-D",
                    data().toString()));
            command.addAll(actionAndOptions.subList(1, actionAndOptions.size()));
            ProcessBuilder builder = new ProcessBuilder(account.command(command)).directory(directory.toFile());
            if (inheritOutput) {
                builder.inheritIO();
            } else {
                builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            }
            // The server outlives pg_ctl: it must not hold this process's standard input.
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            return builder.start().waitFor();
        }
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        if (FileTree.isPosix(file.getParent())) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
