"""Navigation shared by every public page: the home page's menu children, one query."""


def navigation(request):
    if request.path.startswith(("/admin/", "/django-admin/")):
        return {}
    from wagtail.models import Page

    items = list(
        Page.objects.filter(depth=3, live=True, show_in_menus=True).only("title", "url_path", "path", "depth")
    )
    return {"nav_items": items}
