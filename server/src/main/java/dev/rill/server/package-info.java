/**
 * The Rill server.
 *
 * <ul>
 *   <li>{@link dev.rill.server.RtspServer} accepts RTSP connections; each
 *       {@code RtspConnection} runs on its own virtual thread and hands requests to the
 *       {@code Dispatcher}, which finds the {@code RtspMethodHandler} (built-ins included) through
 *       {@code Extensions}.</li>
 *   <li>{@code SessionPool} holds the {@code Session}s; SETUP, PLAY, PAUSE and TEARDOWN move them
 *       through READY and PLAYING.</li>
 *   <li>{@code MountTable} maps URL paths to shared media sources; {@code FragmentCache}
 *       packetises each frame once for every session.</li>
 *   <li>The {@code Sender} sends every due frame of every playing session from one schedule;
 *       {@code Rtcp} reads reports and sends BYE.</li>
 *   <li>{@code ConfigLoader} binds the JSON config to {@code ServerConfig}; {@link dev.rill.server.Main}
 *       is the command line.</li>
 * </ul>
 */
package dev.rill.server;
