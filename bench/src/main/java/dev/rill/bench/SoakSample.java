package dev.rill.bench;

import java.util.List;
import java.util.Locale;

/**
 * One sample of the server under soak: its heap after a full GC, open files, threads, resident
 * memory, and what the soak was doing at that moment. -1 marks a value that could not be read.
 */
record SoakSample(double minute, long heapKib, long openFiles, long threads, long rssKib, int viewers,
                  int publishers, long played, long failures) {

    static final String CSV_HEADER = "minute,heap_after_gc_kib,open_files,threads,rss_kib,viewers,publishers,"
            + "viewers_played_total,failures_total";

    String csv() {
        return String.format(Locale.ROOT, "%.2f,%d,%d,%d,%d,%d,%d,%d,%d", minute, heapKib, openFiles, threads, rssKib,
                viewers, publishers, played, failures);
    }

    /**
     * Least-squares slope of {@code values} against {@code minutes}, per hour; NaN with fewer than
     * two points.
     */
    static double slopePerHour(List<Double> minutes, List<Double> values) {
        int n = minutes.size();
        if (n < 2) {
            return Double.NaN;
        }
        double mx = minutes.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double my = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = minutes.get(i) - mx;
            sxy += dx * (values.get(i) - my);
            sxx += dx * dx;
        }
        return sxx == 0 ? Double.NaN : sxy / sxx * 60;
    }
}
