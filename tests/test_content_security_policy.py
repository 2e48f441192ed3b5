"""Content-Security-Policy: every response says the browser may run only the application's own
script files and stylesheets. The policy blocks inline scripts, <style> blocks, style="…" and
onclick="…" attributes, so none may be left in a page: the walk of every URL as every role and
every template are searched for them (a page with one would lose its behaviour or look)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from lamtheo.pledges.tests.test_pledge_views import post_items
from lamtheo.tests.url_walk import ROLES
from tests.test_every_url_as_every_role import cases, user_for, world  # noqa: F401

LAMTHEO = Path(__file__).resolve().parent.parent / "lamtheo"

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}


def directives(header: str) -> dict[str, list[str]]:
    parts = [part.split() for part in header.split(";") if part.strip()]
    return {name: sources for name, *sources in parts}


class InlineCode(HTMLParser):
    """What the policy would block in a page: a <script> without src, a <style> element, a
    style attribute, an event-handler attribute (onclick=…)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        if tag == "script" and "src" not in names:
            self.found.append(f"<script> without src at line {self.getpos()[0]}")
        if tag == "style":
            self.found.append(f"<style> at line {self.getpos()[0]}")
        for name in names:
            if name == "style" or name.startswith("on"):
                self.found.append(f'<{tag} {name}="…"> at line {self.getpos()[0]}')

    handle_startendtag = handle_starttag


def inline_code(text: str) -> list[str]:
    parser = InlineCode()
    parser.feed(text)
    parser.close()
    return parser.found


def test_every_response_carries_the_policy(client, tree, login):
    assert directives(client.get(reverse("login"))["Content-Security-Policy"]) == POLICY
    client = login(tree.member_user)
    response = client.get(reverse("home:home"))
    assert directives(response["Content-Security-Policy"]) == POLICY


@pytest.mark.parametrize("role", ROLES)
def test_no_page_holds_inline_code_the_policy_would_block(world, client, role):  # noqa: F811
    user = user_for(world, role)
    if user is not None:
        client.force_login(user)
    wrong = []
    for name, args, _expected, method in cases(world):
        url = reverse(name, args=args)
        response = getattr(client, method)(url)
        where = f"{method.upper()} {url} ({name})"
        if "Content-Security-Policy" not in response:
            wrong.append(f"{where}: no Content-Security-Policy header")
        kind = response.get("Content-Type", "")
        if kind.startswith(("text/html", "image/svg+xml")):
            wrong += [f"{where}: {found}" for found in inline_code(response.content.decode())]
    assert not wrong, "\n".join(wrong)


def test_a_form_sent_back_with_errors_focuses_its_summary_from_a_script_file(tree, login):
    client = login(tree.member_user)
    page = post_items(client, tree, ["", ""]).content.decode()
    assert "data-error-summary" in page
    assert re.search(r'<script src="[^"]*/js/error-summary\.js" defer></script>', page)
    assert inline_code(page) == []


def templates() -> list[Path]:
    return sorted(
        path
        for pattern in ("**/templates/**/*.html", "**/templates/**/*.svg")
        for path in LAMTHEO.glob(pattern)
    )


INLINE_IN_SOURCE = [
    re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),
    re.compile(r"<style\b", re.I),
    re.compile(r"<[a-z][^<>]*\sstyle\s*=", re.I),
    re.compile(r"<[a-z][^<>]*\son[a-z]+\s*=", re.I),
]


def test_no_template_holds_inline_code_the_policy_would_block():
    """Pages the walk does not reach (a form with errors, the error pages) are covered here."""
    assert len(templates()) > 50
    wrong = [
        f"{path.relative_to(LAMTHEO)}: {match.group(0)}"
        for path in templates()
        for pattern in INLINE_IN_SOURCE
        for match in pattern.finditer(path.read_text())
    ]
    assert not wrong, "\n".join(wrong)
