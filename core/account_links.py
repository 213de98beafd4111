"""The links the public site's header offers a signed-in person (``core/_account_bar.html``).

Other apps add theirs with the Wagtail hook ``public_account_links``: a function of the user
returning a list of ``AccountLink`` (or nothing), called in registration order after the core
links below and before the admin link. The proposals app will register "Proposal kami" there
when it exists, for instance::

    @hooks.register("public_account_links")
    def proposal_links(user):
        if agency_for_user(user) is not None:
            return [AccountLink(_("Proposal kami"), reverse("proposals:ours"), "proposal")]

No query runs for an anonymous visitor.
"""
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks

HOOK = "public_account_links"


@dataclass(frozen=True)
class AccountLink:
    label: str
    url: str
    #: a stable key, for styling and tests
    key: str


def account_links(user):
    if not getattr(user, "is_authenticated", False):
        return []
    links = [AccountLink(_("Replikasi saya"), reverse("replication:mine"), "replikasi-saya")]
    for hook in hooks.get_hooks(HOOK):
        links.extend(hook(user) or [])
    if user.has_perm("wagtailadmin.access_admin"):
        links.append(AccountLink(_("Admin"), reverse("wagtailadmin_home"), "admin"))
    return links
