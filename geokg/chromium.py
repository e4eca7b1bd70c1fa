"""How the project drives Debian's headless Chromium (browser tests, README screenshots).

No browser is downloaded: Playwright drives the system's Chromium. The flags keep it off
the network (this machine reaches package registries only) and out of first-run chores.
"""

from __future__ import annotations

import os
from typing import Final

CHROMIUM: Final = os.environ.get("GEOKG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS: Final = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT: Final = "install it with `make chromium` (apt-get install chromium fonts-noto-cjk) or set GEOKG_CHROMIUM"
