package io.catalogbulk.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private PgBouncer (Debian package {@code pgbouncer}) in transaction pooling mode, on a port of its own, in front
 * of the test PostgreSQL: what the services are pointed at to prove they work through a transaction pooler
 * (docs/deployment.md, "Connection budget"). The system's pgbouncer service, if any, is never touched.
 * <p>
 * Installs the package with apt-get when the binary is missing and this JVM may (root), as bin/infra installs what
 * it needs: a fresh machine gets it when a test needs it. PgBouncer refuses to run as root, so a root JVM starts it
 * as the {@code postgres} user (or {@code nobody}) through {@code setpriv}, which execs it in place: the process
 * this class holds is PgBouncer itself and {@link #close()} stops it.
 */
public final class PgBouncer implements AutoCloseable {

    /** lock_timeout of every server connection: what the services' own SET does on a direct connection. */
    public static final String CONNECT_QUERY = "SET lock_timeout = '10s'";

    private static final List<String> BINARIES = List.of("/usr/sbin/pgbouncer", "/usr/bin/pgbouncer");

    private final Process process;
    private final int port;
    private final int poolSize;
    private final Path dir;

    private PgBouncer(Process process, int port, int poolSize, Path dir) {
        this.process = process;
        this.port = port;
        this.poolSize = poolSize;
        this.dir = dir;
    }

    /**
     * Starts PgBouncer in transaction mode on a free port, forwarding every database to the test PostgreSQL with at
     * most {@code poolSize} server connections per database and user. Its log goes to {@code log}.
     */
    public static PgBouncer startTransactionMode(int poolSize, Path log) throws IOException, InterruptedException {
        String binary = binary();
        int port = ServiceProcesses.freePort();
        Path dir = Files.createTempDirectory("catalog-bulk-pgbouncer-");
        boolean password = !TestEnvironment.PG_PASSWORD.isEmpty();
        // The plain password in the auth file is what PgBouncer logs in to PostgreSQL with (scram or md5 alike).
        Files.writeString(dir.resolve("users.txt"),
                quoted(TestEnvironment.PG_USER) + " " + quoted(TestEnvironment.PG_PASSWORD) + "\n");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("listen_addr", "127.0.0.1");
        settings.put("listen_port", String.valueOf(port));
        settings.put("unix_socket_dir", "");
        settings.put("auth_type", password ? "scram-sha-256" : "trust");
        settings.put("auth_file", dir.resolve("users.txt").toString());
        settings.put("admin_users", TestEnvironment.PG_USER);
        settings.put("pool_mode", "transaction");
        settings.put("default_pool_size", String.valueOf(poolSize));
        settings.put("max_client_conn", "500");
        // SHOW STATS totals are refreshed every stats_period (60 s by default): every second, so a test can read them.
        settings.put("stats_period", "1");
        // pgjdbc sends extra_float_digits at connect; PgBouncer 1.18 refuses unknown startup parameters otherwise.
        settings.put("ignore_startup_parameters", "extra_float_digits");
        StringBuilder ini = new StringBuilder("[databases]\n* = host=").append(TestEnvironment.PG_HOST)
                .append(" port=").append(TestEnvironment.PG_PORT)
                .append(" connect_query='").append(CONNECT_QUERY.replace("'", "''")).append("'\n[pgbouncer]\n");
        settings.forEach((key, value) -> ini.append(key).append(" = ").append(value).append('\n'));
        Path config = dir.resolve("pgbouncer.ini");
        Files.writeString(config, ini);

        List<String> command = new ArrayList<>();
        if (isRoot()) {
            String user = userExists("postgres") ? "postgres" : "nobody";
            run(List.of("chown", "-R", user, dir.toString()));
            command.addAll(List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--clear-groups", "--"));
        }
        command.addAll(List.of(binary, config.toString()));
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        PgBouncer bouncer = new PgBouncer(process, port, poolSize, dir);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!listening(port)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                bouncer.close();
                throw new IllegalStateException("PgBouncer did not start on port " + port + "; see " + log);
            }
            Thread.sleep(100);
        }
        return bouncer;
    }

    public int port() {
        return port;
    }

    public int poolSize() {
        return poolSize;
    }

    /** The JDBC URL of a database through this PgBouncer. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * One of PgBouncer's admin console listings ({@code SHOW POOLS}, {@code SHOW CONFIG}, ...), each row as column
     * name to text. Read with psql: the console speaks the simple query protocol only and refuses the SET pgjdbc
     * sends to a server that reports a version below 9.0 (the console reports PgBouncer's own).
     */
    public List<Map<String, String>> show(String what) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("psql", "-h", "127.0.0.1", "-p", String.valueOf(port),
                "-U", TestEnvironment.PG_USER, "-d", "pgbouncer", "-X", "-A", "-F", "\t", "-P", "footer=off",
                "-c", "SHOW " + what);
        builder.environment().put("PGPASSWORD", TestEnvironment.PG_PASSWORD);
        Process psql = builder.redirectErrorStream(true).start();
        List<String> lines = new String(psql.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .lines().toList();
        if (psql.waitFor() != 0 || lines.isEmpty()) {
            throw new IllegalStateException("psql SHOW " + what + " on PgBouncer failed: " + lines);
        }
        String[] columns = lines.get(0).split("\t", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split("\t", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int column = 0; column < columns.length && column < values.length; column++) {
                row.put(columns[column], values[column]);
            }
            rows.add(row);
        }
        return rows;
    }

    @Override
    public void close() {
        // SIGTERM: PgBouncer closes its connections and exits at once.
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException leftOver) {
            // a temporary directory holding a test's configuration only
        }
    }

    /** The pgbouncer binary, installed with apt-get first when it is missing and this JVM runs as root. */
    static synchronized String binary() throws IOException, InterruptedException {
        for (String path : BINARIES) {
            if (Files.isExecutable(Path.of(path))) {
                return path;
            }
        }
        if (!isRoot() || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            throw new IllegalStateException("pgbouncer is not installed and cannot be installed from here (needs root and"
                    + " apt-get): apt-get install pgbouncer");
        }
        Map<String, String> noninteractive = Map.of("DEBIAN_FRONTEND", "noninteractive");
        // The package lists may be missing or stale on a fresh machine: update once if the first try fails.
        if (run(List.of("apt-get", "install", "-y", "-qq", "pgbouncer"), noninteractive) != 0) {
            run(List.of("apt-get", "update", "-qq"), noninteractive);
            if (run(List.of("apt-get", "install", "-y", "-qq", "pgbouncer"), noninteractive) != 0) {
                throw new IllegalStateException("apt-get install pgbouncer failed");
            }
        }
        for (String path : BINARIES) {
            if (Files.isExecutable(Path.of(path))) {
                return path;
            }
        }
        throw new IllegalStateException("apt-get installed pgbouncer, but no binary at " + BINARIES);
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
        String uid = new String(id.getInputStream().readAllBytes()).trim();
        id.waitFor();
        return "0".equals(uid);
    }

    private static boolean userExists(String user) throws IOException, InterruptedException {
        return run(List.of("id", user)) == 0;
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        return run(command, Map.of());
    }

    private static int run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
