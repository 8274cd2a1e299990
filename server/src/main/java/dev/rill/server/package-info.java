/**
 * The Rill server: control in, media out.
 *
 * <ul>
 *   <li>Control: {@link dev.rill.server.RtspServer} accepts RTSP connections and admits them
 *       through its {@code ConnectionTable} (a limit per peer address; when full, the oldest
 *       connection that has sent no request gives its place up; {@code AdmissionLog} says so at
 *       most once per 10 s); each
 *       {@code RtspConnection} runs on its own virtual thread, holds no session state, reads with
 *       timeouts its {@code ConnectionDeadlines} give, and hands requests to the
 *       {@code Dispatcher}. SETUP, PLAY, PAUSE and TEARDOWN are
 *       {@code CoreCommand}s; every other method is an {@code RtspMethodHandler} (built-ins
 *       included) found through {@code Extensions}.</li>
 *   <li>Sessions: {@code SessionPool} holds the {@code Session}s; a session owns its state
 *       machine (READY ⇄ PLAYING → CLOSED, {@code play}/{@code pause}/{@code end}, each under its
 *       lock, each telling the listeners) and its {@code SessionDialect}, chosen once at SETUP:
 *       the course's classic dialect or standard RTSP.</li>
 *   <li>Media in: {@code MountTable} maps URL paths to shared sources, stored or live; files of
 *       the media directory stay open while sessions play them; {@code PatternMounts} gives each
 *       path under a {@code /*} mount a source of its own (an edge relaying its origin).</li>
 *   <li>Prefetch: {@code Feeds} keeps one {@code Feed} per (source, payload format) in use, on a
 *       thread of its own: {@code StoredFeed} prepares frames a few ahead of its sessions and lets
 *       go of them behind; {@code LiveFeed} prepares each arriving frame and wakes its sessions; a live source
 *       hands its frames to one {@code LiveTap}, which starts it once for all its feeds.
 *       Plugin code runs there, never on a sender thread.</li>
 *   <li>Media out: each {@code Sender} sends the {@code PreparedFrame}s of its share of the
 *       playing sessions: {@code StoredPlayback}s from a schedule of due times taken from the
 *       frames' presentation times, {@code LivePlayback}s when their feed hands them a frame.
 *       Each sender has its own RTP socket on the shared port, made on the send path that
 *       {@link dev.rill.server.udp} chose at start-up ({@code rtp.sendPath}): the UDP frames of
 *       one wake-up are queued and leave together (on Linux, {@code sendmmsg} batches of
 *       {@code UDP_SEGMENT} sends). Interleaved frames go to the connection's
 *       {@code InterleavedOutput} as one block (headers, then views of the shared payloads):
 *       sent by the sender itself with a non-blocking {@code send(2)} when nothing waits before
 *       it ({@link dev.rill.server.tcp}), else queued for the connection's writer thread, which
 *       writes it with one gathering write.
 *       {@code Rtcp} sends sender reports and BYE and reads receiver reports.</li>
 *   <li>HTTP: {@code HttpListener} is the one HTTP listener (the JDK's server, a virtual thread per
 *       request, bounded); {@code HttpRoutes} maps path prefixes to the routes of
 *       {@link dev.rill.spi.HttpRouteProvider}s, plugins' and the server's own: {@code HttpMedia}
 *       answers {@code /stream} (multipart MJPEG) and {@code /snapshot} from the feeds of
 *       {@code WholeJpegFormat}, the whole-JPEG format that only HTTP viewers use; {@code WebPage}
 *       serves the page at {@code /} from the jar and {@code MountsApi} its {@code /api/mounts}.</li>
 *   <li>Recording: {@code Recordings} checks each mount's {@code "record"} at start-up and repairs
 *       half-written segments ({@code SegmentRecovery}); a {@code Recorder} per mount reads its
 *       source's {@code LiveTap} like a feed and writes {@code Segment}s (a {@code .Mjpeg} and its
 *       frame times, named by {@code SegmentNames}) on a thread of its own.</li>
 *   <li>Auth: {@code Access} decides, for RTSP (in {@code Dispatcher}, before any command or
 *       handler) and HTTP (in {@code HttpListener}, before any route), who sent a request
 *       ({@code Credentials}: Basic, or Digest checked by {@code DigestAuth}; passwords by
 *       {@code PasswordHash}) and whether their {@code Permission}s allow it; {@code AuthFailures}
 *       makes an address that keeps failing wait. {@code AuthConfig} is the config's
 *       {@code "auth"}; {@code HashPasswordTool} the {@code hash-password} command.</li>
 *   <li>TLS: with {@code "rtsps"} a second listener layers TLS ({@code ServerTls}, from the PEM
 *       files {@code Pem} reads) over each accepted socket; the connection handshakes on its own
 *       thread and is otherwise an ordinary {@code RtspConnection} whose media stays interleaved.
 *       {@code HttpListener} serves HTTPS with the same context; {@code GenCertTool} is
 *       {@code gen-cert}.</li>
 *   <li>{@code ConfigLoader} binds the JSON config to {@code ServerConfig};
 *       {@link dev.rill.server.Main} is the command line. {@code ServerContext} holds the parts
 *       a running server shares; its threads start in {@code start()}.</li>
 * </ul>
 */
package dev.rill.server;
