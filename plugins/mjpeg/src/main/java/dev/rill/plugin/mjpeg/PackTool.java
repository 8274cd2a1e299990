package dev.rill.plugin.mjpeg;

import dev.rill.spi.CommandLineTool;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code pack DIR OUT.Mjpeg}: builds a {@code .Mjpeg} file from the JPEG files of a directory, in
 * natural name order ({@code frame2.jpg} before {@code frame10.jpg}); see {@link MjpegPacker}.
 * Refuses to replace an existing output unless given {@code --force}, and warns (on the error
 * stream) about frames too large for the course's Java client.
 *
 * <p>Exit status: 0 when the file was written; 1 when an input is refused or writing fails
 * (nothing is written then); 2 for a usage error.
 */
public final class PackTool implements CommandLineTool {

    /** Frames named one by one in the size warning; beyond this they are only counted. */
    static final int MAX_LISTED_LARGE_FRAMES = 10;

    private static final String FORCE = "--force";

    public PackTool() {
    }

    @Override
    public String name() {
        return "pack";
    }

    @Override
    public String usage() {
        return "pack [--force] DIR OUT.Mjpeg  build a .Mjpeg from the JPEG files of DIR, in name order";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        ToolArguments arguments;
        try {
            arguments = ToolArguments.parse(args, Set.of(FORCE));
        } catch (IllegalArgumentException e) {
            return usageError(err, e.getMessage());
        }
        if (arguments.has(ToolArguments.HELP)) {
            out.println("usage: " + usage());
            return 0;
        }
        if (arguments.operands().size() != 2) {
            return usageError(err, "expected a directory and an output file, got "
                    + arguments.operands().size() + " arguments");
        }
        MjpegPacker.Packed packed;
        Path output;
        try {
            Path dir = Path.of(arguments.operands().get(0));
            output = Path.of(arguments.operands().get(1));
            packed = MjpegPacker.pack(MjpegPacker.jpegFiles(dir), output, arguments.has(FORCE));
        } catch (InvalidPathException e) {
            err.println("pack: " + e.getInput() + ": not a valid path: " + e.getReason());
            return 1;
        } catch (IOException e) {
            err.println("pack: " + e.getMessage() + "; nothing written");
            return 1;
        }
        out.println("packed " + ClipSurveyText.frames(packed.frames()) + " into " + output + ": "
                + ClipSurveyText.thousands(packed.containerBytes()) + " bytes (" + ClipSurveyText.thousands(packed.jpegBytes())
                + " bytes of JPEG)");
        warnLarge(packed, err);
        if (packed.containerBytes() > MjpegIndex.DEFAULT_MAX_FILE_BYTES) {
            err.println("warning: the server reads files up to " + ClipSurveyText.thousands(MjpegIndex.DEFAULT_MAX_FILE_BYTES)
                    + " bytes unless the mount's maxFileBytes is raised");
        }
        out.flush();
        err.flush();
        return 0;
    }

    /** Warnings go to {@code err}, the report of what was written to {@code out}. */
    private static void warnLarge(MjpegPacker.Packed packed, PrintStream err) {
        List<MjpegPacker.PackedFrame> large = packed.overJavaClient();
        if (large.isEmpty()) {
            return;
        }
        err.println("warning: " + ClipSurveyText.frames(large.size()) + " over "
                + ClipSurveyText.thousands(CourseClient.JAVA.maxFrameBytes()) + " bytes, too large for the "
                + CourseClient.JAVA.label() + " (" + ClipSurveyText.thousands(CourseClient.JAVA.bufferBytes())
                + "-byte buffer with the RTP header):");
        large.stream().limit(MAX_LISTED_LARGE_FRAMES).forEach(frame ->
                err.println("  " + frame.file() + ": " + ClipSurveyText.thousands(frame.bytes()) + " bytes"));
        if (large.size() > MAX_LISTED_LARGE_FRAMES) {
            err.println("  ... and " + ClipSurveyText.frames(large.size() - MAX_LISTED_LARGE_FRAMES) + " more");
        }
    }

    private int usageError(PrintStream err, String problem) {
        err.println("pack: " + problem);
        err.println("usage: " + usage());
        return 2;
    }
}
