package org.scepra.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external client process with a hard timeout; stdout and stderr are captured together. */
public final class Processes {

    private Processes() {
    }

    public record Result(List<String> command, int exitCode, boolean timedOut, String output) {

        public boolean succeeded() {
            return !timedOut && exitCode == 0;
        }

        /** For assertion messages. */
        public String describe() {
            return String.join(" ", masked(command)) + "\n-> " + (timedOut ? "TIMED OUT" : "exit " + exitCode)
                    + "\n--- output ---\n" + output + "--- end ---";
        }
    }

    /**
     * The command as it may be logged: values after challenge or password flags, and the suite's
     * challenge or one the Intune double handed out wherever it stands (the jscep driver takes it as an
     * argument), are hidden.
     */
    static List<String> masked(List<String> command) {
        List<String> shown = new java.util.ArrayList<>(command);
        for (int i = 1; i < shown.size(); i++) {
            String flag = shown.get(i - 1).toLowerCase(java.util.Locale.ROOT);
            if (flag.contains("challenge") || flag.contains("password") || shown.get(i).equals(ItDevice.CHALLENGE)
                    || shown.get(i).startsWith(org.scepra.testkit.intune.IntuneDouble.CHALLENGE_PREFIX)) {
                shown.set(i, "****");
            }
        }
        return shown;
    }

    public static Result run(List<String> command, Path workDir, Duration timeout) {
        Path log = workDir.resolve("process-" + System.nanoTime() + ".log");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command + ": " + e, e);
        }
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String output;
        try {
            output = Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            output = "(output unreadable: " + e + ")";
        }
        Result result = new Result(command, finished ? p.exitValue() : -1, !finished, output);
        System.out.println(result.describe()); // kept in the failsafe report, handy when a client misbehaves
        return result;
    }
}
