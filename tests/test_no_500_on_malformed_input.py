"""No malformed input answers 500 (issue 9, item 8).

The cases come from the URL resolver, so a new URL is fuzzed without being listed here. Each
parameter of each pattern gets, in turn, an oversized, negative, zero, non-ASCII and
empty-ish value (the others keep the valid value the walk of every URL uses); every page is
also asked with each query parameter the views read set to malformed values; and every form a
page shows is posted back with each of its fields malformed. The answers may be 404, 405, a
redirect or a form error, but never a server error.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from lamtheo.tests.helpers import sign_in
from tests.test_every_url_as_every_role import cases, world  # noqa: F401 (a fixture)

ROLES = ["admin", "member"]
# Each parameter always gets an oversized value, then two of the others in turn (a sample,
# not the full product, to keep the run short); a month also gets an impossible month.
OVERSIZED = "9" * 25
BAD_VALUES = ["-1", "0", "Đảng", " ", "a\x00b"]
BAD_MONTHS = ["2026-13", "2026-00", "0000-01", "9999-99"]
BAD_QUERY_VALUES = [OVERSIZED, "-1", "Đảng", "a\x00b", "2026-13", "abc"]
BAD_FIELD_VALUES = [OVERSIZED, "a\x00b", "-1"]
PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
# The query parameters the views read, found in the source so a new one is fuzzed too;
# ?thang and ?nam are read through core.periods.period_from / year_from.
QUERY_READ = re.compile(r"""GET(?:\.get|\.getlist)?[(\[]["']([^"']+)["']""")
SOURCE = Path(__file__).resolve().parent.parent / "lamtheo"


def _routes(resolver=None, prefix: str = "", namespace: str = ""):
    """(full route, url name) of every pattern written with path(); the admin's few
    re_path() patterns are Django's own and take no id."""
    for p in (resolver or get_resolver()).url_patterns:
        if not isinstance(p.pattern, RoutePattern):
            continue
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _routes(p, route, ns)
        elif isinstance(p, URLPattern):
            yield route, namespace + p.name if p.name else None


def _query_names() -> list[str]:
    names = {"thang", "nam"}
    for path in SOURCE.rglob("*.py"):
        if "tests" not in path.parts:
            names |= set(QUERY_READ.findall(path.read_text(encoding="utf-8")))
    return sorted(names)


def _valid_args(w) -> dict[str, list[str]]:
    """A valid value for each parameter of each named URL, from the walk of every URL."""
    found: dict[str, list[str]] = {}
    for name, args, _expected, _method in cases(w):
        found.setdefault(name, [a if isinstance(a, str) else _text(a) for a in args])
    return found


def _text(value) -> str:
    return f"{value:%Y-%m}" if hasattr(value, "month") else str(value)


def _fill(route: str, values: list[str]) -> str:
    it = iter(values)
    return "/" + PARAMETER.sub(lambda _m: quote(next(it), safe=""), route)


def _fuzzed_urls(w) -> list[str]:
    valid = _valid_args(w)
    urls = []
    for route, name in _routes():
        if name == "logout":  # would end the session the other requests run in
            continue
        params = PARAMETER.findall(route)
        base = valid.get(name) or ["1"] * len(params)
        if len(base) != len(params):  # the same name on two routes: keep to the defaults
            base = ["1"] * len(params)
        for i, (converter, _name) in enumerate(params):
            turn = len(urls)
            sample = [OVERSIZED, BAD_VALUES[turn % 5], BAD_VALUES[(turn + 1) % 5]]
            if converter == "month":
                sample.append(BAD_MONTHS[turn % 4])
            urls += [_fill(route, base[:i] + [bad] + base[i + 1 :]) for bad in sample]
    return urls


def _client(w, role: str) -> Client:
    client = Client(raise_request_exception=False)
    sign_in(
        client,
        {"admin": w.admin_user, "member": w.member_user, "secretary": w.secretary_user}[role],
    )
    return client


def _errors(responses) -> list[str]:
    return [f"{label}: {r.status_code}" for label, r in responses if r.status_code >= 500]


@pytest.mark.parametrize("role", ROLES)
def test_no_url_answers_500_to_a_malformed_parameter(world, role):  # noqa: F811
    client = _client(world, role)
    responses = []
    for url in _fuzzed_urls(world):
        responses.append((f"GET {url}", client.get(url)))
        responses.append((f"POST {url}", client.post(url, {})))
    assert not _errors(responses), "\n".join(_errors(responses))


@pytest.mark.parametrize("role", ROLES)
def test_no_page_answers_500_to_a_malformed_query(world, role):  # noqa: F811
    client = _client(world, role)
    names = _query_names()
    valid = _valid_args(world)
    responses = []
    for route, name in _routes():
        if name not in valid or name in {"logout"}:
            continue
        url = _fill(route, valid[name])
        for turn in range(2):  # each query parameter gets a different malformed value
            query = {n: BAD_QUERY_VALUES[(i + turn) % 6] for i, n in enumerate(names)}
            responses.append((f"GET {url} {query}", client.get(url, query)))
    assert not _errors(responses), "\n".join(_errors(responses))


class _Forms(HTMLParser):
    """The post forms of a page: their action and the names of their fields."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, dict[str, str]]] = []
        self._current: dict[str, str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._current = {}
            self.forms.append((a.get("action") or "", self._current))
        elif tag in {"input", "select", "textarea"} and self._current is not None:
            if a.get("name") and a.get("type") not in {"file", "submit"}:
                self._current[a["name"]] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


@pytest.mark.parametrize("role", ROLES)
def test_no_form_answers_500_to_malformed_fields(world, role):  # noqa: F811
    client = _client(world, role)
    valid = _valid_args(world)
    posted = set()
    responses = []
    for route, name in _routes():
        if name not in valid or name in {"logout", "login"}:
            continue
        url = _fill(route, valid[name])
        page = client.get(url)
        if page.status_code != 200 or not page["Content-Type"].startswith("text/html"):
            continue
        parser = _Forms()
        parser.feed(page.content.decode())
        for action, fields in parser.forms:
            target = urlsplit(urljoin(url, action)).path
            key = (target, tuple(sorted(fields)))
            if not fields or key in posted or target == "/dang-xuat/":
                continue
            posted.add(key)
            for bad in BAD_FIELD_VALUES:
                data = dict.fromkeys(fields, bad)
                responses.append(
                    (f"POST {target} {sorted(fields)}={bad!r}", client.post(target, data))
                )
    assert not _errors(responses), "\n".join(_errors(responses))


@pytest.mark.parametrize(
    "url",
    [
        f"/hoc-tap/buoi-hoc/{'9' * 20}/diem-danh/CB1/",
        f"/van-ban/{2**63}/",
        "/so-tay/1/2026-13/",
        "/so-tay/1/2026-00/",
        "/dang-ky/99999/",
        "/thong-ke/a%00b/",
    ],
)
def test_an_id_period_or_code_out_of_range_in_the_url_is_not_found(tree, login, url):
    client = login(tree.admin_user)
    assert client.get(url).status_code == 404


def test_no_url_takes_an_unbounded_number():
    """<int:…> takes any number of digits; an id must be <id:…>, a year <year:…>."""
    assert [route for route, _name in _routes() if "<int:" in route] == []
