package dev.rill.client;

import java.time.Duration;
import java.util.Locale;

/** Times as a player shows them: {@code 1:05}, {@code 1:02:03}. */
final class TimeText {

    private TimeText() {
    }

    static String of(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
