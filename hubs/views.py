"""The invited agency's statement of willingness (pernyataan kesediaan) in the portal."""
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.files import validate_evidence_file

from .designation import invitation_for, state_willingness


class StatementForm(forms.Form):
    signed_letter = forms.FileField(label=gettext_lazy("Surat pernyataan kesediaan bertanda tangan"),
                                    validators=[validate_evidence_file],
                                    help_text=gettext_lazy("PDF, JPG, PNG atau DOCX, paling besar 10 MB."))
    coordinating_unit = forms.CharField(label=gettext_lazy("Unit koordinator"), max_length=255,
                                        help_text=gettext_lazy("Biro Organisasi, Bapperida, Brida…"))
    contact_name = forms.CharField(label=gettext_lazy("Nama narahubung"), max_length=150)
    contact_email = forms.EmailField(label=gettext_lazy("Email narahubung"))
    contact_phone = forms.CharField(label=gettext_lazy("Telepon narahubung"), max_length=50)


@login_required
def willingness(request):
    invitation = invitation_for(request.user)
    form = StatementForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and invitation is not None and form.is_valid():
        try:
            state_willingness(request.user, invitation.pk, **form.cleaned_data)
            messages.success(request, _("Pernyataan kesediaan terkirim. KemenPANRB akan menetapkan hub dengan keputusan menteri."))
            return redirect("hub_willingness")
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    return render(request, "hubs/willingness.html", {"invitation": invitation, "form": form},
                  status=200 if invitation is not None else 404)
