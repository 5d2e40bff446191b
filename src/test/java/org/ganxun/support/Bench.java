package org.ganxun.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small helpers of the benchmarks' printouts. */
public final class Bench {

    private Bench() {
    }

    /** The machine's 1, 5 and 15-minute load averages, as /proc/loadavg gives them ("n/a" elsewhere). */
    public static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
