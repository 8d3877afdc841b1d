"""What serving the app needs beyond Gradio: no remote fetches through its file routes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from starlette.responses import PlainTextResponse

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Receive, Scope, Send


_REMOTE = re.compile(r"/(?:file[=/]\s*(?:[a-z][a-z0-9+.-]+:|//|\\\\)|proxy=)", re.IGNORECASE)


class LocalFilesOnly:
    """ASGI guard: refuse /file=<url> and /proxy=<url>, which make Gradio fetch from the web."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and _REMOTE.search(scope.get("path", "")):
            await PlainTextResponse("Not found", status_code=404)(scope, receive, send)
            return
        await self.app(scope, receive, send)
