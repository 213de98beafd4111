"""Uploaded evidence is checked the same way wherever it arrives (replication steps, PKRI
self-assessments): documents and scans people can open without special software, small
enough to store and to send on a slow connection."""
import os

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EVIDENCE_EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".png", ".docx")
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def validate_evidence_file(upload):
    extension = os.path.splitext(upload.name or "")[1].lower()
    if extension not in EVIDENCE_EXTENSIONS:
        raise ValidationError(
            _("Jenis berkas %(ext)s tidak diterima. Unggah PDF, JPG, PNG atau DOCX."), params={"ext": extension or "?"}
        )
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(_("Berkas terlalu besar: paling besar 10 MB."))
