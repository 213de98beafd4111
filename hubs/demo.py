"""Demo designation: a provincial government whose province has no hub yet was invited and has
sent its statement of willingness, which waits for the minister's decree (national
administrators designate it in the admin under Penetapan Hub)."""
import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from agencies.models import Agency, AgencyType

from .models import HubInvitation, WillingnessStatement


def build_designation(log=lambda message: None):
    if HubInvitation.objects.exists():
        return None
    agency = (Agency.objects.filter(agency_type=AgencyType.PEMPROV, province__isnull=False)
              .exclude(province__hub__isnull=False).exclude(hubs__isnull=False).order_by("province__code").first())
    if agency is None:
        return None
    short = agency.province.name
    slug = agency.province.slug
    invitation = HubInvitation.objects.create(agency=agency, letter_number="B/415/M.KT.01/2026",
                                              invited_on=datetime.date(2026, 9, 14), respond_by=datetime.date(2026, 10, 30),
                                              status=HubInvitation.Status.BERSEDIA)
    WillingnessStatement.objects.create(
        invitation=invitation, coordinating_unit=f"Biro Organisasi Setda Provinsi {short}",
        contact_name="Rahmat Hasan", contact_email="ortala@contoh.go.id", contact_phone="0811 4300 2100",
        signed_letter=SimpleUploadedFile(f"pernyataan-kesediaan-{slug}.pdf", b"%PDF-1.4\n% surat contoh JIPPNas\n",
                                         content_type="application/pdf"))
    return invitation
