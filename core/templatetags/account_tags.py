from django import template

from core.account_links import account_links as _account_links

register = template.Library()


@register.simple_tag(takes_context=True)
def account_links(context):
    """The signed-in person's links in the public header (see core.account_links)."""
    request = context.get("request")
    return _account_links(getattr(request, "user", None))
