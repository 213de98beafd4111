"""The Content-Security-Policy (issue 17): every public page type sends it without 'unsafe-inline'
for scripts or styles, the admin gets its relaxed policy only under its own prefixes,
``CSP_REPORT_ONLY`` switches the header to report-only, and no template carries what the policy
blocks (inline executable scripts, on* attributes, javascript: URLs, style attributes on public
pages). The browser journeys check the same in Chromium (tests/browser.py collects violations)."""
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings

ROOT = Path(__file__).resolve().parents[2]
HEADER = "Content-Security-Policy"


def directives(header):
    """``{"script-src": ["'self'"], ...}`` from a policy string."""
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


@pytest.fixture
def public_pages(demo):
    from competitions.models import Edition
    from hubs.models import HubPage
    from innovations.models import InnovationPage
    from news.models import EventPage, NewsPage
    from pkri.models import Cycle

    innovation = InnovationPage.objects.live().public().first()
    pages = {
        "home": "/",
        "catalogue": "/inovasi/",
        "innovation": innovation.url,
        "innovation print sheet": f"{innovation.url}cetak/",
        "search": "/cari/?q=layanan",
        "hub": HubPage.objects.live().filter(depth__gt=3).first().url,
        "news": "/berita/",
        "news item": NewsPage.objects.live().first().url,
        "events": "/agenda/",
        "event": EventPage.objects.live().first().url,
        "replikasi": "/replikasi/",
        "pkri": "/pkri/",
        "pkri cycle": f"/pkri/{Cycle.objects.filter(published_at__isnull=False).first().year}/",
        "kompetisi": "/kompetisi/",
        "kematangan": "/kematangan/",
        "klinik": "/klinik/",
        "api root": "/api/",
        "api docs": "/api/dokumentasi/",
        "accessibility": "/aksesibilitas/",
        "not found": "/tidak-ada-halaman-ini/",
    }
    edition = Edition.objects.first()
    if edition:
        pages["competition edition"] = f"/kompetisi/{edition.slug}/"
    return pages


def test_every_public_page_type_sends_the_strict_policy(public_pages):
    client = Client()
    for name, url in public_pages.items():
        response = client.get(url)
        assert response.status_code in (200, 404), (name, url, response.status_code)
        assert HEADER in response, f"{name} ({url}) sends no {HEADER}"
        policy = directives(response[HEADER])
        assert policy["script-src"] == ["'self'"], (name, policy)
        assert policy["style-src"] == ["'self'"], (name, policy)
        assert policy["default-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["form-action"] == ["'self'"]
        assert policy["base-uri"] == ["'self'"]
        assert "'unsafe-eval'" not in response[HEADER]


def test_a_page_served_from_the_page_cache_keeps_the_header(demo, settings):
    settings.PAGE_CACHE_SECONDS = 600
    first = Client().get("/inovasi/")
    second = Client().get("/inovasi/")
    assert first.status_code == second.status_code == 200
    assert second[HEADER] == first[HEADER]
    assert "'unsafe-inline'" not in second[HEADER]


@pytest.mark.django_db
def test_the_admin_alone_gets_the_relaxed_policy():
    admin = directives(Client().get("/admin/login/")[HEADER])
    assert "'unsafe-inline'" in admin["script-src"]
    assert admin["frame-ancestors"] == ["'self'"]  # Wagtail's preview frames the page in the admin
    assert "'unsafe-eval'" not in admin["script-src"]
    # a public address that merely starts like the admin's is not relaxed
    public = directives(Client().get("/administrasi/")[HEADER])
    assert public["script-src"] == ["'self'"]


@pytest.mark.django_db
def test_report_only_mode_moves_both_policies_to_the_report_only_header():
    report_only = {"DIRECTIVES": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]}
    with override_settings(CONTENT_SECURITY_POLICY=None, CONTENT_SECURITY_POLICY_REPORT_ONLY=report_only):
        public = Client().get("/aksesibilitas/")
        admin = Client().get("/admin/login/")
    assert HEADER not in public and HEADER not in admin
    assert directives(public[f"{HEADER}-Report-Only"])["script-src"] == ["'self'"]
    assert "'unsafe-inline'" in directives(admin[f"{HEADER}-Report-Only"])["script-src"]


@pytest.mark.parametrize("value, enforced", [("", True), ("true", False)])
def test_the_environment_variable_chooses_the_mode(value, enforced):
    code = ("from django.conf import settings; import django; django.setup(); "
            "print(bool(settings.CONTENT_SECURITY_POLICY), bool(settings.CONTENT_SECURITY_POLICY_REPORT_ONLY))")
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "jippnas.settings.test", "CSP_REPORT_ONLY": value}
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == [str(enforced), str(not enforced)]


# --- Templates --------------------------------------------------------------------------------

#: script types that are data, not code (json_script writes application/json)
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json", "text/template"}
_TEMPLATE_SYNTAX = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.DOTALL)


def template_files():
    dirs = [ROOT / "templates", *sorted(ROOT.glob("*/templates"))]
    return sorted(path for d in dirs if d.is_dir() for path in d.rglob("*.html")
                  if "node_modules" not in path.parts and ".venv" not in path.parts)


def is_admin_template(path, text):
    """Served only under /admin/ (relaxed policy): Wagtail admin views and panels."""
    return "admin" in path.parts or re.search(r"{%\s*extends\s+[\"'](wagtailadmin|admin)/", text) is not None


class Offences(HTMLParser):
    def __init__(self, public):
        super().__init__(convert_charrefs=True)
        self.public = public
        self.found = []
        self._inline_script = None

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        line = self.getpos()[0]
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"line {line}: {name}= attribute on <{tag}>")
            if value and name in {"href", "src", "action", "formaction"} and value.strip().lower().startswith("javascript:"):
                self.found.append(f"line {line}: javascript: URL in {name}")
            if name == "style" and self.public:
                self.found.append(f"line {line}: style attribute on <{tag}> (use a class in static/css)")
        if tag == "script" and "src" not in names:
            kind = (names.get("type") or "").strip().lower()
            if kind not in DATA_SCRIPT_TYPES:
                self.found.append(f"line {line}: inline <script{' type=' + kind if kind else ''}> without src")


def offences(path):
    text = path.read_text(encoding="utf-8")
    parser = Offences(public=not is_admin_template(path, text))
    # template tags become spaces of the same shape (lines keep their numbers)
    parser.feed(_TEMPLATE_SYNTAX.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text))
    parser.close()
    return parser.found


def test_the_template_check_finds_what_the_policy_blocks(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text('<p onclick="go()">x</p>\n<script>alert(1)</script>\n<script type="module">x()</script>\n'
                   '<a href="javascript:void(0)">y</a>\n<span style="width: {{ pct }}%"></span>\n'
                   '{{ data|json_script:"d" }}<script type="application/json" id="e">{}</script>'
                   '<script src="/static/js/x.js" defer></script>')
    found = offences(bad)
    assert len(found) == 5, found
    assert any("onclick" in f for f in found) and any("style" in f for f in found)


def test_no_template_needs_unsafe_inline():
    files = template_files()
    assert len(files) > 50  # the project's templates were found
    report = {str(path.relative_to(ROOT)): found for path in files if (found := offences(path))}
    assert report == {}
