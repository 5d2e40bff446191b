package org.ganxun.learning;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator of {@link HeartbeatBenchmark}, run in a JVM of its own (started by the benchmark), so that what
 * it costs is measured apart from the server's work: it reports its own CPU time and the server's (the benchmark's
 * JVM, and the PostgreSQL processes under it) per step. It uses only the JDK: plain sockets, HTTP/1.1 with keep-alive
 * connections (one request at a time on a connection, as a browser or a reverse proxy's upstream pool does: no
 * pipelining), requests written from prepared bytes and responses read by their length, so that a request costs the
 * client a few microseconds.
 *
 * <p>Open loop, in the manner of wrk2: a step of rate R over C connections gives connection c the requests
 * k ≡ c (mod C), request k due at {@code start + k / R}; a connection sends its next request when it is due, or at once
 * when it is late, and the latency counts from when the request was due, so a server that falls behind shows it in
 * the figures instead of slowing the sender down (no coordinated omission). A client (learner, candidate) always uses
 * the same connection, so a learner's heartbeats go one after another, as a player sends them.
 *
 * <p>Plan (a file, tab-separated): {@code server host port}; {@code L index cookie sessionId token} per learner;
 * {@code X index cookie attemptId body} per exam candidate; then phases in order: {@code ramp kind connections
 * stepSeconds rate,rate,…} (steps of rising rate until p99 passes 100 ms or fewer than 80 % are done),
 * {@code closed kind connections seconds} (each connection back to back: the capacity), {@code once kind
 * connections seconds} (each client one request, spread evenly over the seconds). Kinds: {@code trivial}
 * (GET /api/auth/me), {@code catalogue} (GET /api/learning/catalogue), {@code beat} (the heartbeat), {@code submit}
 * (an exam candidate hands in the paper). Output (stdout): one {@code step} line per step, {@code credited index
 * seconds} per learner at the end, {@code done}.
 */
public final class LoadGenerator {

    record Client(int index, String cookie, long id, String token, String body, AtomicLong seq, AtomicLong credited) {
    }

    static String host;
    static int port;
    static final List<Client> learners = new ArrayList<>();
    static final List<Client> candidates = new ArrayList<>();
    static final AtomicInteger refused = new AtomicInteger();
    static final AtomicInteger reconnects = new AtomicInteger();
    static long startNanos;
    /** The database's postmaster (PostgreSQL's CPU: it and its backends), or null. */
    static ProcessHandle postmaster;
    static final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        List<String[]> phases = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "server" -> {
                    host = f[1];
                    port = Integer.parseInt(f[2]);
                }
                case "pg" -> postmaster = ProcessHandle.of(Long.parseLong(f[1])).orElse(null);
                case "L" -> learners.add(new Client(Integer.parseInt(f[1]), f[2], Long.parseLong(f[3]), f[4], null,
                        new AtomicLong(), new AtomicLong()));
                case "X" -> candidates.add(new Client(Integer.parseInt(f[1]), f[2], Long.parseLong(f[3]), null, f[4], null, null));
                default -> phases.add(f);
            }
        }
        startNanos = System.nanoTime();
        for (String[] p : phases) {
            String kind = p[1];
            int connections = Integer.parseInt(p[2]);
            switch (p[0]) {
                case "ramp" -> {
                    double seconds = Double.parseDouble(p[3]);
                    run(kind, 0, connections, 2, 100); // warm-up: JIT on both sides, connections open
                    for (String r : p[4].split(",")) {
                        int rate = Integer.parseInt(r);
                        Result s = run(kind, rate, connections, seconds, 0);
                        print("ramp", kind, rate, connections, s);
                        if (s.p(0.99) > 100 || s.done < s.sent * 0.8 || s.done / s.seconds < rate * 0.8) {
                            break;
                        }
                    }
                }
                case "closed" -> print("closed", kind, 0, connections, run(kind, -1, connections, Double.parseDouble(p[3]), 0));
                case "once" -> {
                    double seconds = Double.parseDouble(p[3]);
                    int n = candidates.size();
                    print("once", kind, (int) Math.round(n / seconds), connections, run(kind, n / seconds, connections, seconds, n));
                }
                default -> throw new IllegalArgumentException(p[0]);
            }
        }
        for (Client l : learners) {
            out.println("credited\t" + l.index() + "\t" + l.credited().get());
        }
        out.println("refused\t" + refused.get() + "\treconnects\t" + reconnects.get());
        out.println("done");
    }

    static void print(String phase, String kind, int rate, int connections, Result s) {
        out.printf("step\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%.3f\t%.2f\t%.2f\t%.2f\t%.3f\t%.3f\t%.3f\t%d%n", phase, kind, rate, connections, s.sent,
                s.done, s.errors, s.seconds, s.p(0.5), s.p(0.99), s.p(1.0), s.clientCpu, s.serverCpu, s.dbCpu, reconnects.getAndSet(0));
    }

    static final class Result {
        int sent, done, errors;
        double seconds, clientCpu, serverCpu, dbCpu;
        long[] nanos;

        double p(double q) {
            if (done == 0) {
                return 0;
            }
            return nanos[Math.max(0, (int) Math.ceil(done * q) - 1)] / 1e6;
        }
    }

    /**
     * One step. {@code rate > 0}: open loop, {@code rate × seconds} requests (or {@code count} when given) spread
     * over the connections; {@code rate == -1}: closed loop for {@code seconds}; {@code rate == 0}: warm-up,
     * {@code count} requests per connection back to back.
     */
    static Result run(String kind, double rate, int connections, double seconds, int count) throws Exception {
        int total = rate > 0 ? (count > 0 ? count : (int) Math.round(rate * seconds)) : Integer.MAX_VALUE;
        long[][] lat = new long[connections][];
        int[] done = new int[connections];
        int[] errors = new int[connections];
        AtomicInteger sent = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(connections);
        CountDownLatch go = new CountDownLatch(1);
        long[] start = new long[1];
        double[] cpu0 = cpu();
        Thread[] threads = new Thread[connections];
        for (int c = 0; c < connections; c++) {
            int conn = c;
            threads[c] = new Thread(() -> {
                Connection http = new Connection();
                long[] mine = new long[1024];
                int n = 0, e = 0;
                try {
                    if (rate == 0) { // warm-up: open the connection before the step's clock starts
                        for (int i = 0; i < count; i++) {
                            call(http, kind, conn + i * connections);
                        }
                        ready.countDown();
                        return;
                    }
                    http.open();
                    ready.countDown();
                    go.await();
                    long end = start[0] + (long) (seconds * 1e9);
                    for (int k = conn; k < total; k += connections) {
                        long due;
                        if (rate > 0) {
                            due = start[0] + (long) (k * 1e9 / rate);
                            long wait;
                            while ((wait = due - System.nanoTime()) > 0) {
                                LockSupport.parkNanos(wait);
                            }
                        } else {
                            due = System.nanoTime();
                            if (due >= end) {
                                break;
                            }
                        }
                        sent.incrementAndGet();
                        boolean ok = call(http, kind, k);
                        long t = System.nanoTime() - due;
                        if (!ok) {
                            e++;
                        }
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = t;
                    }
                } catch (Exception ex) {
                    ex.printStackTrace();
                    e++;
                } finally {
                    http.close();
                    lat[conn] = Arrays.copyOf(mine, n);
                    done[conn] = n;
                    errors[conn] = e;
                    if (rate == 0) {
                        return;
                    }
                }
            }, "load-" + c);
            threads[c].start();
        }
        if (rate != 0) {
            ready.await();
            cpu0 = cpu();
            start[0] = System.nanoTime();
            go.countDown();
        }
        for (Thread t : threads) {
            t.join();
        }
        Result r = new Result();
        r.seconds = (System.nanoTime() - start[0]) / 1e9;
        double[] cpu1 = cpu();
        r.clientCpu = cpu1[0] - cpu0[0];
        r.serverCpu = cpu1[1] - cpu0[1];
        r.dbCpu = cpu1[2] - cpu0[2];
        r.sent = sent.get();
        r.done = Arrays.stream(done).sum();
        r.errors = Arrays.stream(errors).sum();
        r.nanos = Arrays.stream(lat).flatMapToLong(Arrays::stream).sorted().toArray();
        return r;
    }

    /** CPU seconds so far: this process, the server's JVM (the parent), the server's other descendants (PostgreSQL). */
    static double[] cpu() {
        double self = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        ProcessHandle me = ProcessHandle.current();
        ProcessHandle parent = me.parent().orElse(null);
        double server = parent == null ? 0 : seconds(parent);
        ProcessHandle pg = postmaster;
        double db = pg == null ? 0 : seconds(pg) + pg.descendants().mapToDouble(LoadGenerator::seconds).sum();
        return new double[] {self, server, db};
    }

    private static double seconds(ProcessHandle p) {
        return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9;
    }

    /** One request of the kind for client k; false when the answer was not the expected one. */
    static boolean call(Connection http, String kind, int k) throws IOException {
        switch (kind) {
            case "trivial", "catalogue" -> {
                Client c = learners.get(k % learners.size());
                String path = kind.equals("trivial") ? "/api/auth/me" : "/api/learning/catalogue";
                return http.exchange("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nCookie: " + c.cookie()
                        + "\r\nAccept: application/json\r\n\r\n", null) == 200;
            }
            case "beat" -> {
                Client c = learners.get(k % learners.size());
                // the client's clock: the position advances as time passes here (never faster than the server's)
                double position = (System.nanoTime() - startNanos) / 1e9;
                String body = "{\"seq\":" + c.seq().incrementAndGet() + ",\"position\":" + position
                        + ",\"playing\":true,\"hidden\":false,\"seeked\":false}";
                int status = http.exchange("POST /api/learning/study/" + c.id() + "/heartbeat HTTP/1.1\r\nHost: " + host + ":" + port
                        // the browser sends the learner's cookies too: the study path must not read the session they name
                        + "\r\nCookie: " + c.cookie() + "\r\nX-Study-Token: " + c.token() + "\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
                        + "Content-Length: " + body.length() + "\r\n\r\n", body);
                if (status != 200) {
                    return false;
                }
                String b = http.body();
                c.credited().addAndGet(intField(b, "\"credited\":"));
                String reason = stringField(b, "\"reason\":");
                if (reason != null && !reason.equals("REWATCH") && !reason.equals("PAUSED")) {
                    refused.incrementAndGet();
                }
                return true;
            }
            case "submit" -> {
                Client c = candidates.get(k % candidates.size());
                byte[] body = c.body().getBytes(StandardCharsets.UTF_8);
                int status = http.exchange("POST /api/exams/attempts/" + c.id() + "/submit HTTP/1.1\r\nHost: " + host + ":" + port
                        + "\r\nCookie: " + c.cookie() + "; XSRF-TOKEN=bench\r\nX-XSRF-TOKEN: bench\r\nContent-Type: application/json\r\n"
                        + "Accept: application/json\r\nContent-Length: " + body.length + "\r\n\r\n", c.body());
                return status == 200 && http.body().contains("\"status\":\"GRADED\"");
            }
            default -> throw new IllegalArgumentException(kind);
        }
    }

    static int intField(String json, String name) {
        int i = json.indexOf(name);
        if (i < 0) {
            return 0;
        }
        int j = i + name.length(), v = 0;
        while (j < json.length() && Character.isDigit(json.charAt(j))) {
            v = v * 10 + (json.charAt(j++) - '0');
        }
        return v;
    }

    static String stringField(String json, String name) {
        int i = json.indexOf(name);
        if (i < 0 || json.startsWith("null", i + name.length())) {
            return null;
        }
        int from = json.indexOf('"', i + name.length()) + 1;
        return json.substring(from, json.indexOf('"', from));
    }

    /** One keep-alive HTTP/1.1 connection: one request at a time, reopened when the server closes it. */
    static final class Connection {
        Socket socket;
        OutputStream os;
        InputStream is;
        byte[] buf = new byte[16384];
        String body;

        void open() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(120_000);
            os = socket.getOutputStream();
            is = new BufferedInputStream(socket.getInputStream(), 16384);
        }

        void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // closing
            }
            socket = null;
        }

        String body() {
            return body;
        }

        /** Sends the request, reads the whole response; the status (the body in {@link #body()}). */
        int exchange(String head, String body) throws IOException {
            if (socket == null) {
                open();
            }
            byte[] h = head.getBytes(StandardCharsets.UTF_8);
            byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            byte[] all = Arrays.copyOf(h, h.length + b.length);
            System.arraycopy(b, 0, all, h.length, b.length);
            try {
                os.write(all);
                os.flush();
                return read();
            } catch (IOException e) { // the server closed an idle connection: once more on a new one
                close();
                reconnects.incrementAndGet();
                open();
                os.write(all);
                os.flush();
                return read();
            }
        }

        private int read() throws IOException {
            String status = line();
            if (status == null) {
                throw new IOException("closed");
            }
            int code = Integer.parseInt(status.substring(9, 12));
            int length = -1;
            boolean chunked = false, close = false;
            String l;
            while ((l = line()) != null && !l.isEmpty()) {
                int colon = l.indexOf(':');
                String name = l.substring(0, colon).trim();
                String value = l.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Integer.parseInt(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                    chunked = true;
                } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                    close = true;
                }
            }
            java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
            if (chunked) {
                int size;
                while ((size = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0) {
                    copy(data, size);
                    line();
                }
                while ((l = line()) != null && !l.isEmpty()) {
                    // trailers
                }
            } else if (length > 0) {
                copy(data, length);
            }
            this.body = data.toString(StandardCharsets.UTF_8);
            if (close) {
                close();
                reconnects.incrementAndGet();
            }
            return code;
        }

        private void copy(java.io.ByteArrayOutputStream to, int n) throws IOException {
            while (n > 0) {
                int r = is.read(buf, 0, Math.min(n, buf.length));
                if (r < 0) {
                    throw new IOException("closed in the body");
                }
                to.write(buf, 0, r);
                n -= r;
            }
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = is.read()) >= 0) {
                if (c == '\n') {
                    int len = sb.length();
                    return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
                }
                sb.append((char) c);
            }
            return sb.isEmpty() ? null : sb.toString();
        }
    }

    private LoadGenerator() {
    }
}
