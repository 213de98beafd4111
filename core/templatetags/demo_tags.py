from django import template

from core.demo.notice import NOTICES, portal_holds_demo_data

register = template.Library()


@register.inclusion_tag("core/_demo_notice.html")
def demo_notice(kind):
    """``{% demo_notice "replikasi" %}``: the page's one demo-text line, if the portal holds the demo."""
    return {"text": NOTICES[kind] if portal_holds_demo_data() else ""}
