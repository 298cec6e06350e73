#!/usr/bin/python3
"""A WebKitGTK browser window for WebKitWebDriver, with a profile folder that outlives it.

WebKitWebDriver starts this program as its browser (webkit.py names it as the binary). It differs
from WebKitGTK's MiniBrowser in one thing: MiniBrowser keeps its data in memory only when it is
automated, so every automated session would be a first visit; this window keeps the HTTP cache,
local storage and IndexedDB in $WEBKIT_SHELL_PROFILE, so a restarted browser finds them, as a
reader's Safari does. WebKit's defaults are kept otherwise (the back-forward cache is on).
Console messages go to standard output (the driver's log, which webkit.py reads).

Runs under Debian's own Python (python3-gi, gir1.2-webkit2-4.1), not the project's venv.
"""

import os

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import Gtk, WebKit2  # noqa: E402

PROFILE = os.environ["WEBKIT_SHELL_PROFILE"]
WIDTH, HEIGHT = (int(n) for n in os.environ.get("WEBKIT_SHELL_SIZE", "1280x900").split("x"))

context = WebKit2.WebContext(website_data_manager=WebKit2.WebsiteDataManager(
    base_data_directory=os.path.join(PROFILE, "data"),
    base_cache_directory=os.path.join(PROFILE, "cache")))
context.set_automation_allowed(True)
windows = []


def new_view() -> WebKit2.WebView:
    view = WebKit2.WebView(web_context=context, is_controlled_by_automation=True)
    view.get_settings().set_enable_write_console_messages_to_stdout(True)
    window = Gtk.Window()
    window.set_default_size(WIDTH, HEIGHT)
    window.add(view)
    window.show_all()
    windows.append(window)

    def closed(_view):
        window.destroy()
        windows.remove(window)
        if not windows:
            Gtk.main_quit()

    view.connect("close", closed)
    return view


# The driver's session asks for a view for its first tab: that is the window opened at start.
unclaimed = [new_view()]


def automation_started(_context, session):
    info = WebKit2.ApplicationInfo()
    info.set_version(WebKit2.get_major_version(), WebKit2.get_minor_version(), WebKit2.get_micro_version())
    session.set_application_info(info)
    session.connect("create-web-view", lambda _session: unclaimed.pop() if unclaimed else new_view())


context.connect("automation-started", automation_started)
Gtk.main()
