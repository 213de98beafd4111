"""The maturity instrument in the admin, for national administrators: cycles and questions
(options inline). A new cycle gets the previous year's questions, or the labelled examples
when there is no previous year (``examples.install_instrument``)."""
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Cycle, Question


class CycleViewSet(SnippetViewSet):
    model = Cycle
    icon = "date"
    menu_label = _("Siklus")
    list_display = ["year", "opens", "closes"]


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "list-ol"
    menu_label = _("Pertanyaan")
    list_display = ["text", "cycle", "aspect", "number", "weight", "is_example"]
    list_filter = ["cycle", "aspect"]


class MaturityGroup(SnippetViewSetGroup):
    menu_label = _("Kematangan Hub")
    menu_icon = "tasks"
    menu_order = 340
    items = (CycleViewSet, QuestionViewSet)


register_snippet(MaturityGroup)


@hooks.register("after_create_snippet")
def copy_previous_instrument(request, instance):
    if isinstance(instance, Cycle):
        from .examples import install_instrument

        install_instrument(instance)


@hooks.register("public_account_links")
def maturity_links(user):
    """Coordinators reach this year's instrument, verifiers their list, from the header."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from core.account_links import AccountLink

    from . import rules

    cycle = Cycle.objects.order_by("-year").only("year").first()
    if cycle is None:
        return []
    links = []
    if rules.coordinated_hubs(user).exists():
        links.append(AccountLink(_("Kematangan hub"), reverse("maturity:fill", args=[cycle.year]), "kematangan-isi"))
    if rules.is_verifier(user):
        links.append(AccountLink(_("Verifikasi kematangan"), reverse("maturity:verify_list", args=[cycle.year]),
                                 "kematangan-verifikasi"))
    return links
