package org.ganxun.platform.db;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * The bundled PostgreSQL: binaries from the zonky binaries jar, run with initdb / pg_ctl.
 *
 * <p>Why not zonky's own EmbeddedPostgres: it cannot run when the JVM runs as root (initdb refuses),
 * which is how CI and many county servers run. Here, under root, the server processes run as the
 * unprivileged {@code nobody} user via {@code setpriv}, and the data directory is handed to that user.
 *
 * <p>The data directory survives restarts. A server left running by a killed JVM is found through its
 * {@code postmaster.pid} and reused rather than started twice.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String ARCHIVE = "/postgres-linux-x86_64.txz";
    private static final int NOBODY = 65534;

    private final Path binDir;
    private final Path dataDir;
    private final int port;
    private final boolean startedHere;

    private EmbeddedPostgres(Path binDir, Path dataDir, int port, boolean startedHere) {
        this.binDir = binDir;
        this.dataDir = dataDir;
        this.port = port;
        this.startedHere = startedHere;
    }

    /**
     * Starts (or reuses) a server on the given data directory.
     *
     * @param port the port, or 0 for a free one
     */
    public static EmbeddedPostgres start(Path dataDir, int port) throws IOException {
        Path home = extractBinaries();
        dataDir = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(dataDir);
        boolean asRoot = isRoot();
        if (asRoot) {
            chownRecursively(dataDir);
        }
        Optional<Integer> running = runningPort(home, dataDir, asRoot);
        if (running.isPresent()) {
            log.info("Reusing the bundled PostgreSQL already running on {} (port {})", dataDir, running.get());
            return new EmbeddedPostgres(home, dataDir, running.get(), false);
        }
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            log.info("Creating the bundled PostgreSQL database cluster in {}", dataDir);
            run(home, asRoot, Duration.ofMinutes(3), bin(home, "initdb"), "-A", "trust", "-U", "postgres",
                    "-D", dataDir.toString(), "-E", "UTF-8", "--locale=C");
        }
        int chosen = port > 0 ? port : freePort();
        Files.deleteIfExists(dataDir.resolve("postmaster.pid"));
        String options = "-p " + chosen + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
                + " -c max_connections=200 -c fsync=on -c shared_buffers=128MB";
        run(home, asRoot, Duration.ofMinutes(2), bin(home, "pg_ctl"), "-D", dataDir.toString(), "-o", options,
                "-l", dataDir.resolve("server.log").toString(), "-w", "-t", "90", "start");
        log.info("Bundled PostgreSQL started on 127.0.0.1:{} with data in {}", chosen, dataDir);
        return new EmbeddedPostgres(home, dataDir, chosen, true);
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates a database if it is missing (the cluster only has "postgres" at first). */
    public void ensureDatabase(String name) throws IOException {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be lower-case letters, digits and _");
        }
        try (var c = java.sql.DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
             var s = c.createStatement()) {
            var rs = s.executeQuery("select 1 from pg_database where datname = '" + name + "'");
            if (!rs.next()) {
                s.execute("create database " + name + " encoding 'UTF8' template template0");
            }
        } catch (java.sql.SQLException e) {
            throw new IOException("could not create database " + name, e);
        }
    }

    @Override
    public void close() {
        if (!startedHere) {
            return;
        }
        try {
            run(binDir, isRoot(), Duration.ofSeconds(60), bin(binDir, "pg_ctl"), "-D", dataDir.toString(),
                    "-m", "fast", "-w", "-t", "30", "stop");
            log.info("Bundled PostgreSQL stopped");
        } catch (IOException e) {
            log.warn("Could not stop the bundled PostgreSQL cleanly: {}", e.getMessage());
        }
    }

    private static Optional<Integer> runningPort(Path home, Path dataDir, boolean asRoot) {
        Path pid = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pid)) {
            return Optional.empty();
        }
        try {
            run(home, asRoot, Duration.ofSeconds(20), bin(home, "pg_ctl"), "-D", dataDir.toString(), "status");
            List<String> lines = Files.readAllLines(pid, StandardCharsets.UTF_8);
            return Optional.of(Integer.parseInt(lines.get(3).trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // stale pid file: pg_ctl status said no server
        }
    }

    private static String bin(Path home, String name) {
        return home.resolve("bin").resolve(name).toString();
    }

    private static void run(Path home, boolean asRoot, Duration timeout, String... command) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (asRoot) {
            cmd.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        }
        cmd.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("LD_LIBRARY_PATH", home.resolve("lib").toString());
        Path out = Files.createTempFile("ganxun-pg", ".log");
        pb.redirectOutput(out.toFile());
        // the server inherits the working directory; nobody must be able to enter it
        pb.directory(home.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        if (p.exitValue() != 0) {
            throw new IOException("PostgreSQL command failed (" + p.exitValue() + "): " + String.join(" ", command)
                    + "\n" + output);
        }
    }

    /** Extracts the bundled binaries once per version into the system temp directory. */
    private static synchronized Path extractBinaries() throws IOException {
        try (InputStream probe = EmbeddedPostgres.class.getResourceAsStream(ARCHIVE)) {
            if (probe == null) {
                throw new IOException("PostgreSQL binaries " + ARCHIVE + " not on the classpath");
            }
        }
        String version = Optional.ofNullable(EmbeddedPostgres.class.getResource(ARCHIVE))
                .map(u -> Integer.toHexString(u.toString().hashCode())).orElse("x");
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "ganxun-pg-" + version);
        Path done = home.resolve(".complete");
        if (Files.exists(done)) {
            return home;
        }
        Path staging = Files.createTempDirectory(home.getParent(), "ganxun-pg-staging");
        try (InputStream in = new BufferedInputStream(EmbeddedPostgres.class.getResourceAsStream(ARCHIVE));
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(in))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = staging.resolve(entry.getName()).normalize();
                if (!target.startsWith(staging)) {
                    throw new IOException("unsafe path in PostgreSQL archive: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    boolean exec = (entry.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(target,
                            PosixFilePermissions.fromString(exec ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        try (var walk = Files.walk(staging)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
        Files.createFile(staging.resolve(".complete"));
        try {
            Files.move(staging, home, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            if (!Files.exists(done)) {
                throw raced; // another process may have won the race; only then is this fine
            }
        }
        return home;
    }

    private static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static void chownRecursively(Path dir) throws IOException {
        var lookup = dir.getFileSystem().getUserPrincipalLookupService();
        var owner = lookup.lookupPrincipalByName(Integer.toString(NOBODY));
        var group = lookup.lookupPrincipalByGroupName(Integer.toString(NOBODY));
        try (var walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Files.setOwner(p, owner);
                Files.getFileAttributeView(p, java.nio.file.attribute.PosixFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS).setGroup(group);
            }
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
