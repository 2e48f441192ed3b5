"""Pages and downloads with personal data are kept by no cache (issue 9, item 11).

Every answer to a signed-in person, and every file download, carries
`Cache-Control: private, no-store`: neither a shared proxy nor the browser keeps a copy of
a member's records once the tab is closed, and the back button after logging out fetches
the page again (and meets the log-in page). A view that already chose a private cache on
its own (the SVG chart of aggregate rates, kept for a minute) keeps its choice; anything
else it set is overruled. Static files are answered by WhiteNoise before this middleware
and stay cacheable.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

NO_STORE = "private, no-store"


class PrivateNoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        download = response.get("Content-Disposition", "").startswith(("attachment", "inline"))
        if signed_in or download:
            chosen = response.get("Cache-Control", "")
            if "private" not in chosen or download:
                response["Cache-Control"] = NO_STORE
        return response
