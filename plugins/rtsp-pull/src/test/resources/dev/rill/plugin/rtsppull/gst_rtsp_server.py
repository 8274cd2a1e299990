#!/usr/bin/env python3
"""The upstream for rtsp-pull's interoperability tests: GStreamer's gst-rtsp-server serving a live
MJPEG test picture (RFC 2435, payload type 26, 10 frames/s) at rtsp://127.0.0.1:PORT/test.
format=I420: without it videotestsrc and jpegenc agree on 4:4:4, which RFC 2435 cannot carry.

Usage: gst_rtsp_server.py PORT   (prints "ready" once it listens; runs until killed)
Needs python3-gi, gir1.2-gst-rtsp-server-1.0, gstreamer1.0-plugins-base and -good.
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

PIPELINE = ("( videotestsrc is-live=true pattern=smpte ! video/x-raw,format=I420,width=320,height=240,framerate=10/1"
            " ! jpegenc ! rtpjpegpay name=pay0 pt=26 )")


def main():
    port = sys.argv[1] if len(sys.argv) > 1 else "8554"
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(port)
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(PIPELINE)
    factory.set_shared(True)
    server.get_mount_points().add_factory("/test", factory)
    if server.attach(None) == 0:
        print("cannot listen on 127.0.0.1:" + port, file=sys.stderr, flush=True)
        sys.exit(1)
    print("ready", flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
