"""The visitor's address, for per-address limits (the contact form, login throttling).

Behind a reverse proxy ``REMOTE_ADDR`` is the proxy, so every visitor would share one limit.
With ``TRUSTED_PROXY_HEADER`` set (e.g. ``X-Forwarded-For`` or ``X-Real-IP``), the address is
read from that header instead: for a list (``X-Forwarded-For: client, proxy1``) the entry
``TRUSTED_PROXY_COUNT`` places from the right, which our own proxies appended and a visitor
cannot forge. Without the setting, or when the header is missing or not an address,
``REMOTE_ADDR`` is used.
"""
import ipaddress

from django.conf import settings


def _address(text):
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "") or ""
    header = getattr(settings, "TRUSTED_PROXY_HEADER", "")
    if not header:
        return remote
    raw = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
    entries = [entry for entry in raw.split(",") if entry.strip()]
    count = max(1, getattr(settings, "TRUSTED_PROXY_COUNT", 1))
    if len(entries) < count:
        return remote
    return _address(entries[-count]) or remote
