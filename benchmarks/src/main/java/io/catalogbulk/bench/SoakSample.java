package io.catalogbulk.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.catalogbulk.testsupport.ServiceProcesses.ServiceProcess;

/**
 * What the soak measures of one service process at one moment, from outside the process as an operator would:
 * the heap right after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}), the resident set size and thread
 * count ({@code /proc/<pid>/status}), and its open TCP connections to PostgreSQL and RabbitMQ (its socket inodes
 * looked up in {@code /proc/net/tcp}).
 */
record SoakSample(String service, double heapAfterGcMb, double rssMb, int threads, int databaseConnections, int brokerConnections) {

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    static SoakSample of(ServiceProcess process, int databasePort, int brokerPort) throws IOException, InterruptedException {
        long pid = process.process().pid();
        jcmd(pid, "GC.run");
        Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        double heap = used.find() ? Long.parseLong(used.group(1)) / 1024.0 : -1;
        double rss = -1;
        int threads = -1;
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            } else if (line.startsWith("Threads:")) {
                threads = Integer.parseInt(line.replaceAll("[^0-9]", ""));
            }
        }
        Map<Long, Integer> remotePorts = remotePortsBySocket();
        int database = 0;
        int broker = 0;
        for (long inode : socketInodes(pid)) {
            Integer port = remotePorts.get(inode);
            if (port != null && port == databasePort) {
                database++;
            } else if (port != null && port == brokerPort) {
                broker++;
            }
        }
        return new SoakSample(process.service() + "-" + process.port(), heap, rss, threads, database, broker);
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }

    private static Set<Long> socketInodes(long pid) throws IOException {
        Set<Long> inodes = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor was closed while we listed them
                }
            }
        }
        return inodes;
    }

    /** Remote port of every TCP socket of the machine, by inode (IPv4 and IPv6 tables). */
    private static Map<Long, Integer> remotePortsBySocket() throws IOException {
        Map<Long, Integer> ports = new HashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = new ArrayList<>(Files.readAllLines(file));
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 9) {
                    String remote = fields[2];
                    int port = Integer.parseInt(remote.substring(remote.indexOf(':') + 1), 16);
                    ports.put(Long.parseLong(fields[9]), port);
                }
            }
        }
        return ports;
    }
}
