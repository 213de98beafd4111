"""Reference data in one admin menu, editable by national administrators."""
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from agencies.models import Agency, AgencyMembership, ServiceUnit
from innovations.models import SDG, AwardTier, Category
from regions.models import Province, Regency


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "group"
    menu_label = _("Instansi")
    list_display = ["name", "abbreviation", "agency_type", "province"]
    list_filter = ["agency_type", "province"]
    search_fields = ["name", "abbreviation"]
    list_per_page = 50


class ServiceUnitViewSet(SnippetViewSet):
    model = ServiceUnit
    icon = "site"
    menu_label = _("Unit pelayanan (UPP)")
    list_display = ["name", "agency"]
    search_fields = ["name"]


class MembershipViewSet(SnippetViewSet):
    model = AgencyMembership
    icon = "user"
    menu_label = _("Anggota instansi")
    list_display = ["user", "agency"]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    menu_label = _("Kategori")
    list_display = ["name", "is_active"]


class SDGViewSet(SnippetViewSet):
    model = SDG
    icon = "globe"
    menu_label = _("SDG")
    list_display = ["number", "name"]


class AwardTierViewSet(SnippetViewSet):
    model = AwardTier
    icon = "pick"
    menu_label = _("Tingkat penghargaan")
    list_display = ["name", "programme", "rank"]


class ProvinceViewSet(SnippetViewSet):
    model = Province
    icon = "globe"
    menu_label = _("Provinsi")
    list_display = ["code", "name"]
    search_fields = ["name", "code"]


class RegencyViewSet(SnippetViewSet):
    model = Regency
    icon = "globe"
    menu_label = _("Kabupaten/kota")
    list_display = ["code", "name", "province"]
    list_filter = ["province", "kind"]
    search_fields = ["name", "code"]
    list_per_page = 50


class ReferenceDataGroup(SnippetViewSetGroup):
    menu_label = _("Data referensi")
    menu_icon = "list-ul"
    menu_order = 300
    items = (
        AgencyViewSet, ServiceUnitViewSet, MembershipViewSet, CategoryViewSet, SDGViewSet,
        AwardTierViewSet, ProvinceViewSet, RegencyViewSet,
    )


register_snippet(ReferenceDataGroup)
