"""A ``browser`` fixture: Debian's headless Chromium driven by Playwright, with a fresh profile.

Playwright's own browser download is not used (``make chromium`` installs Debian's chromium and
fonts-noto-cjk). Tests that use it are skipped, with the reason, when either is missing.
Import it into a test module with ``from browser import browser_fixture  # noqa: F401``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from geokg.chromium import CHROMIUM, CHROMIUM_ARGS, INSTALL_HINT


@pytest.fixture(name="browser", scope="session")
def browser_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A Playwright ``BrowserContext`` of headless Chromium; call ``.new_page()`` on it."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"no Chromium at {CHROMIUM}: {INSTALL_HINT}")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install playwright")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 900},
            locale="ja-JP",
        )
        try:
            yield context
        finally:
            context.close()
