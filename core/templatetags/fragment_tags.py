"""``{% fragment "name" vary1 vary2 %}…{% endfragment %}``: a part of a page rendered once per
cache generation (core/page_cache.py ``fragment``), so the same edits that invalidate the
full-page cache invalidate it, and kept ``FRAGMENT_CACHE_SECONDS`` at most (dates move).

Only for visitors without a session (a signed-in editor, a preview, someone who passed a
password restriction always gets the part rendered fresh), and only around markup that is the
same for every such visitor given the language and the ``vary`` values: never a form, never a
CSRF token, nothing about the request except what ``vary`` names. Values the part needs should
be lazy in the view (a queryset not yet evaluated, ``SimpleLazyObject``), so a stored part
costs no query.
"""
from django import template

from core import page_cache

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, name, vary, nodelist):
        self.name, self.vary, self.nodelist = name, vary, nodelist

    def render(self, context):
        if not page_cache.shares_parts(context.get("request")):
            return self.nodelist.render(context)
        vary = [self.name.resolve(context)] + [value.resolve(context) for value in self.vary]
        return page_cache.fragment(vary[0], vary[1:], lambda: self.nodelist.render(context))


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]], nodelist)
