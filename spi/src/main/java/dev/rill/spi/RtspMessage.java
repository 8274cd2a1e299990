package dev.rill.spi;

/** What an RTSP connection carries: requests, responses, and interleaved binary frames. */
public sealed interface RtspMessage permits RtspRequest, RtspResponse, InterleavedFrame {
}
