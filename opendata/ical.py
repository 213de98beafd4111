"""iCalendar (RFC 5545) feeds of events: all public events, or one hub's, for calendar apps.

Written by hand (a few properties, escaped and folded as the RFC says) rather than with a new
dependency. Times are in UTC, so every calendar app shows them in its own zone; the event's
local time with WIB/WITA/WIT stays in the description.
"""
import datetime

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from hubs.models import HubPage
from news.models import EventPage

LIMIT = 500


def _escape(text):
    return (str(text or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", ""))


def _fold(line):
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += encoded
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _utc(value):
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_text(events, name):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    now = _utc(timezone.now())
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//JIPPNas//Agenda//ID", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{_escape(name)}"]
    for event in events:
        end = event.end or event.start + timezone.timedelta(hours=2)
        lines += [
            "BEGIN:VEVENT", f"UID:agenda-{event.pk}@jippnas", f"DTSTAMP:{now}",
            f"DTSTART:{_utc(event.start)}", f"DTEND:{_utc(end)}", f"SUMMARY:{_escape(event.title)}",
            f"DESCRIPTION:{_escape(event.summary)}", f"URL:{base}{event.url}",
            f"CATEGORIES:{_escape(event.get_event_type_display())}",
        ]
        if event.location or event.online_url:
            lines.append(f"LOCATION:{_escape(event.location or event.online_url)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def _response(events, name, filename):
    events = events.order_by("-start")[:LIMIT]
    response = HttpResponse(calendar_text(events, name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


def all_events(request):
    return _response(EventPage.objects.live().public(), "Agenda JIPPNas", "agenda-jippnas")


def hub_events(request, slug):
    hub = get_object_or_404(HubPage.objects.live().public(), slug=slug)
    return _response(EventPage.objects.live().public().filter(path__startswith=hub.path),
                     f"Agenda {hub.title}", f"agenda-{hub.slug}")
