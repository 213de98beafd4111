import factory
import wagtail_factories

from .models import HubPage


class HubPageFactory(wagtail_factories.PageFactory):
    """A province hub; pass ``parent=`` the HubIndexPage (see core.site_setup)."""

    class Meta:
        model = HubPage

    title = factory.Sequence(lambda n: f"Hub JIPP Percontohan {n}")
    slug = factory.Sequence(lambda n: f"hub-percontohan-{n}")
    hub_type = HubPage.HubType.PROVINSI
    summary = "Hub inovasi percontohan."
    year_joined = 2021
