"""Structured metadata for innovation pages: schema.org JSON-LD and Open Graph."""
import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

register = template.Library()

#: as django.utils.html.json_script: nothing in the data can close the <script> element
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def structured_data(page, request):
    """The schema.org description of an innovation (a CreativeWork by a GovernmentOrganization)."""
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": page.display_title,
        "alternateName": page.acronym or None,
        "description": page.summary,
        "url": page.get_full_url(request),
        "inLanguage": "id",
        "dateCreated": str(page.year_started),
        "datePublished": page.first_published_at.date().isoformat() if page.first_published_at else None,
        "dateModified": page.last_published_at.date().isoformat() if page.last_published_at else None,
        "creator": {"@type": "GovernmentOrganization", "name": page.agency.name,
                    "address": {"@type": "PostalAddress", "addressRegion": page.province.name, "addressCountry": "ID"}
                    if page.province_id else {"@type": "PostalAddress", "addressCountry": "ID"}},
        "keywords": [tag.name for tag in page.tags.all()] or None,
        "award": [f"{a.tier.name} {a.year}" for a in page.awards.all()] or None,
        "isAccessibleForFree": True,
        "license": "https://creativecommons.org/licenses/by/4.0/",
    }
    return {key: value for key, value in data.items() if value not in (None, "", [])}


@register.simple_tag(takes_context=True)
def innovation_json_ld(context, page):
    if hasattr(page, "prefetch_for_display"):
        page.prefetch_for_display()
    data = json.dumps(structured_data(page, context.get("request")), cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(f'<script type="application/ld+json">{data.translate(_ESCAPES)}</script>')
