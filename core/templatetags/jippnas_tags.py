"""Small helpers for the public templates: the current menu section and page-number lists."""
from django import template
from django.utils.translation import gettext

from core.site_setup import SECTION_SLUGS

register = template.Library()

# Detail pages live under their hub in the tree, but readers think of them as part of a
# section of the menu: an innovation belongs to the catalogue, a news item to the news, etc.
SECTION_OF_MODEL = {
    "innovationpage": "catalogue",
    "newspage": "news",
    "eventpage": "events",
    "articlepage": "articles",
    "hubpage": "hubs",
}


@register.simple_tag(takes_context=True)
def nav_current(context, item):
    """True when ``item`` (a menu page) is the section the visitor is reading."""
    page = context.get("page")
    model_name = getattr(getattr(page, "_meta", None), "model_name", None)
    section = SECTION_OF_MODEL.get(model_name)
    if section:
        # The menu query loads url_path but not slug: read the slug from the path.
        return item.url_path.rstrip("/").rsplit("/", 1)[-1] == SECTION_SLUGS[section]
    if page is not None and getattr(page, "url_path", None) and item.url_path:
        return page.url_path.startswith(item.url_path)
    request = context.get("request")
    if request is None:
        return False
    url = item.get_url(request)
    return bool(url) and url != "/" and request.path.startswith(url)


@register.simple_tag
def page_numbers(page_obj):
    """Page numbers around the current one, with the paginator's ellipsis for the gaps."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1))


@register.filter
def sorted_values(values):
    """The values in ascending order (e.g. the offered page sizes)."""
    return sorted(values)


#: longer addresses (a pasted essay in ?q=) are not worth keeping across a language switch
MAX_NEXT_LENGTH = 400


@register.simple_tag(takes_context=True)
def language_switch_next(context):
    """Where the language switch returns to: this page with its query string, or only the
    path when the query string is absurdly long (it would be echoed into every page)."""
    request = context.get("request")
    if request is None:
        return "/"
    full = request.get_full_path()
    return full if len(full) <= MAX_NEXT_LENGTH else request.path


@register.filter
def section_label(title):
    """A top-level section's title in the visitor's language while it still reads as
    ``site_setup`` created it (from a translatable string); a title an editor changed is
    content and is shown as written."""

    return gettext(str(title)) if title else title


@register.filter
def bar_width(pct):
    """The class that sizes a chart bar to ``pct`` per cent (``w-0`` … ``w-100``, in site.css).
    A class, not a ``style`` attribute: the Content-Security-Policy allows no inline style."""
    try:
        value = round(float(pct))
    except (TypeError, ValueError, OverflowError):
        value = 0
    return f"w-{min(max(value, 0), 100)}"


@register.filter
def breadcrumb_ancestors(page):
    """``page``'s ancestors below the tree root, top first. A page reached by routing knows its
    parent (``_cached_parent_obj``, set by Wagtail's and ``TypedChildRouteMixin``'s routing) and
    the parent its own, up to the home page: then no query; otherwise (a page handed to a
    template some other way) the ancestors are read as Wagtail does."""
    chain, current = [], page
    while True:
        parent = getattr(current, "_cached_parent_obj", None)
        if parent is None or parent.depth != current.depth - 1:
            break
        if parent.depth <= 1:
            return list(reversed(chain))
        chain.append(parent)
        if parent.depth == 2:  # the home page: the site's root, whose parent is the tree root
            return list(reversed(chain))
        current = parent
    return [ancestor for ancestor in page.get_ancestors() if ancestor.depth > 1]
