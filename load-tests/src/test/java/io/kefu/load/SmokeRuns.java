package io.kefu.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Runs the harness in-process as the command line would, echoes what it printed, and hands back the
 * exit code and the JSON report it wrote.
 */
final class SmokeRuns {

    record Result(int exitCode, JsonNode report, String output) {
        JsonNode run(int i) {
            return report.path("runs").get(i);
        }
    }

    private SmokeRuns() {
    }

    static Result run(Path dir, String... args) throws IOException {
        Path file = dir.resolve("report.json");
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--report";
        all[args.length + 1] = file.toString();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = LoadRunner.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), all);
        String output = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(output);
        return new Result(exit, new ObjectMapper().readTree(file.toFile()), output);
    }
}
