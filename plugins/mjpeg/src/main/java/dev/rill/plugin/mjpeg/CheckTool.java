package dev.rill.plugin.mjpeg;

import dev.rill.spi.CommandLineTool;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code check FILE.Mjpeg}: reads a {@code .Mjpeg} file as the server would ({@link MjpegIndex})
 * and reports what is in it and who can play it: frames, sizes, dimensions, chroma sampling,
 * coding, duration, whether RFC 2435 carries the frames as they are or Rill re-encodes them, and
 * whether the course's Java and Python clients can take every frame.
 *
 * <p>Exit status: 0 for a clean file; 1 when the file cannot be read, its container is corrupt
 * (the report says where) or a frame's JPEG cannot be parsed; 2 for a usage error.
 */
public final class CheckTool implements CommandLineTool {

    /**
     * The rate the duration is given at, unless a recording's sidecar gives the real one: the
     * course's server sends a frame every 50 ms.
     */
    static final double FPS = 20;

    private static final String JSON = "--json";

    public CheckTool() {
    }

    @Override
    public String name() {
        return "check";
    }

    @Override
    public String usage() {
        return "check [--json] FILE.Mjpeg  report frames, sizes, dimensions, sampling, and which players can take the file";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        ToolArguments arguments;
        try {
            arguments = ToolArguments.parse(args, Set.of(JSON));
        } catch (IllegalArgumentException e) {
            return usageError(err, e.getMessage());
        }
        if (arguments.has(ToolArguments.HELP)) {
            out.println("usage: " + usage());
            return 0;
        }
        if (arguments.operands().size() != 1) {
            return usageError(err, "expected one file, got " + arguments.operands().size() + " arguments");
        }
        String name = arguments.operands().getFirst();
        ClipSurvey survey;
        double fps;
        try {
            Path file = Path.of(name);
            if (!Files.isRegularFile(file)) {
                err.println("check: " + name + ": " + (Files.exists(file) ? "not a regular file" : "no such file"));
                return 1;
            }
            try (MjpegIndex index = MjpegIndex.read(file, MjpegIndex.DEFAULT_MAX_FILE_BYTES)) {
                survey = ClipSurvey.of(name, index);
                // A recording's sidecar gives its real rate; other files are timed as the course's server plays them.
                fps = RecordedTimes.read(file, index.frameCount(), FPS).map(ClipTiming::fps).orElse(FPS);
            }
        } catch (InvalidPathException e) {
            err.println("check: " + name + ": not a valid path: " + e.getReason());
            return 1;
        } catch (IOException e) {
            // No valid frame at all, too large, or unreadable: the message names the file.
            err.println("check: " + e.getMessage());
            return 1;
        }
        if (arguments.has(JSON)) {
            out.println(ClipSurveyJson.json(survey, fps));
        } else {
            ClipSurveyText.lines(survey, fps).forEach(out::println);
        }
        out.flush();
        return survey.clean() ? 0 : 1;
    }

    private int usageError(PrintStream err, String problem) {
        err.println("check: " + problem);
        err.println("usage: " + usage());
        return 2;
    }
}
