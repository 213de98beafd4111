"""The "Hubungi inovator" form: visitors write, the portal forwards; no address is shown."""
from django import forms
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

MAX_MESSAGES_PER_HOUR = 5


class ContactInnovatorForm(forms.Form):
    name = forms.CharField(label=_("Nama Anda"), max_length=120)
    email = forms.EmailField(label=_("Email Anda"))
    organisation = forms.CharField(label=_("Instansi/organisasi"), max_length=200, required=False)
    message = forms.CharField(label=_("Pesan"), widget=forms.Textarea(attrs={"rows": 6}), min_length=20, max_length=4000)
    # Honeypot: people never see it; simple bots fill every field.
    website = forms.CharField(required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Pesan tidak dapat dikirim."))
        return ""


def allow_message(client_ip, *, scope="contact-innovator", limit=MAX_MESSAGES_PER_HOUR):
    """At most ``limit`` messages an hour per client address and ``scope`` (another public form,
    e.g. the competitions' objections, passes its own), shared across app servers."""
    key = f"{scope}:{client_ip}"
    cache.add(key, 0, 3600)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, 3600)
        count = 1
    return count <= limit
