#!/usr/bin/env python3
"""The peer of issue 11's comparison: GStreamer's gst-rtsp-server serving a directory of JPEGs
(00000.jpg, 00001.jpg, ... as WritePictures writes them) looped at FPS frames/s as RFC 2435 at
rtsp://127.0.0.1:PORT/clip, one shared media for every client (as a camera server would).

Usage: gst_rtsp_clip.py PORT DIRECTORY FPS   (prints "ready" once it listens; runs until killed)
Needs python3-gi, gir1.2-gst-rtsp-server-1.0, gstreamer1.0-plugins-base and -good.
"""
import glob
import sys
import time

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def main():
    port, directory, fps = sys.argv[1], sys.argv[2], int(sys.argv[3])
    frames = [open(f, "rb").read() for f in sorted(glob.glob(directory + "/*.jpg"))]
    if not frames:
        print("no .jpg files in " + directory, file=sys.stderr, flush=True)
        sys.exit(1)
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(port)
    # A live source paced here by the clock (multifilesrc is not paced, and restarts its timestamps
    # on every loop): the JPEGs are pushed as they are, never decoded, as a camera's would be.
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch('( appsrc name=src is-live=true do-timestamp=true format=time'
                       ' caps="image/jpeg,framerate=%d/1" ! jpegparse ! rtpjpegpay name=pay0 pt=26 mtu=1400 )' % fps)
    factory.set_shared(True)
    factory.connect("media-configure", lambda f, media: feed(media, frames, fps))
    server.get_mount_points().add_factory("/clip", factory)
    if server.attach(None) == 0:
        print("cannot listen on 127.0.0.1:" + port, file=sys.stderr, flush=True)
        sys.exit(1)
    print("ready", flush=True)
    GLib.MainLoop().run()


def feed(media, frames, fps):
    """Pushes frame k at start + k/fps, looping over the pictures, until the media is unprepared.

    A push refused while the pipeline changes state (FLUSHING) drops that frame and goes on: one
    run of four once stopped the timer at such a refusal and its clients got no RTP at all.
    """
    src = media.get_element().get_by_name("src")
    state = {"k": 0, "start": time.monotonic(), "done": False}
    media.connect("unprepared", lambda m: state.update(done=True))

    def tick():
        if state["done"]:
            return False
        due = state["start"] + state["k"] / fps
        while time.monotonic() >= due:
            src.emit("push-buffer", Gst.Buffer.new_wrapped(frames[state["k"] % len(frames)]))
            state["k"] += 1
            due = state["start"] + state["k"] / fps
        return True

    GLib.timeout_add(5, tick)


if __name__ == "__main__":
    main()
