"""Demo replications: one in every stage, a chain of two generations (origin -> replica ->
replica of the replica), and a spread of ordinary ones over many provinces, made through the
same rules as real ones. A regency or city replicates a regency's or city's innovation, a
province a province's: a ministry's service is not something a city copies."""
import random

from django.contrib.auth import get_user_model
from django.db import transaction

from agencies.models import Agency, AgencyMembership, AgencyType
from innovations.models import InnovationPage

from . import rules
from .models import Model, Replication, Scope, Stage

PATH = [Stage.KESEPAKATAN, Stage.PERSIAPAN, Stage.IMPLEMENTASI, Stage.EVALUASI, Stage.MELEMBAGA]
LOCAL = (AgencyType.PEMKAB, AgencyType.PEMKOT)
#: where the ordinary replications stand: most have got somewhere, a few are still talking
SPREAD = ([Stage.MINAT] * 3 + [Stage.KESEPAKATAN] * 3 + [Stage.PERSIAPAN] * 4 + [Stage.IMPLEMENTASI] * 6
          + [Stage.EVALUASI] * 6 + [Stage.MELEMBAGA] * 6)


def plausible(origin_agency, adopter):
    """Whether ``adopter`` could run ``origin_agency``'s service: same level of government."""
    if adopter.pk == origin_agency.pk:
        return False
    if origin_agency.agency_type in LOCAL:
        return adopter.agency_type in LOCAL
    if origin_agency.agency_type == AgencyType.PEMPROV:
        return adopter.agency_type == AgencyType.PEMPROV
    return False


def _actor(agency):
    """A user acting for the agency: its existing member, or a demo account that cannot log in."""
    member = AgencyMembership.objects.filter(agency=agency).select_related("user").first()
    if member:
        return member.user
    User = get_user_model()
    user, created = User.objects.get_or_create(username=f"demo.{agency.slug}"[:150], defaults={"email": ""})
    if created:
        user.set_unusable_password()
        user.save()
    AgencyMembership.objects.get_or_create(user=user, defaults={"agency": agency})
    return user


def _advance(user, replication, until):
    for stage in PATH[: PATH.index(until) + 1] if until in PATH else []:
        if stage == Stage.KESEPAKATAN and replication.model == Model.MANDIRI:
            continue
        replication.refresh_from_db()
        rules.move(user, replication.pk, stage, expected_version=replication.version,
                   note=f"Masuk tahap {stage.label.lower()}.")
    replication.refresh_from_db()
    return replication


def _start(adopter, origin, model=Model.FASILITASI):
    return rules.start_replication(_actor(adopter), origin, model=model,
                                   reason=f"{adopter.name} menghadapi masalah serupa dan ingin meniru {origin.title}.")


def build_replications(log=lambda message: None):
    """Idempotent: does nothing when replications exist; all or nothing. The notifications are
    recorded like real ones but not mailed (they would only flood the console)."""
    from django.test.utils import override_settings

    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        return _build(log)


@transaction.atomic
def _build(log):
    if Replication.objects.exists():
        return 0
    # regional award winners: a replication follows an award (backdated after it by seed_demo)
    origins = list(InnovationPage.objects.live().public().filter(awards__isnull=False)
                   .filter(agency__agency_type__in=[*LOCAL, AgencyType.PEMPROV]).distinct()
                   .select_related("agency").order_by("pk")[:60])
    adopters = list(Agency.objects.filter(agency_type__in=[*LOCAL, AgencyType.PEMPROV]).order_by("pk"))
    # spread over the country rather than the first agencies created
    random.Random(2026).shuffle(adopters)
    if len(origins) < 16 or len(adopters) < 6:  # one origin per demo replication, and spares
        return 0
    log("Membuat replikasi demo...")
    pairs = [(o, a) for o in origins for a in adopters if plausible(o.agency, a)]
    used, made = set(), 0

    def pick(exclude_agency=None):
        for origin, adopter in pairs:
            if origin.pk in used or adopter.pk in (exclude_agency, origin.agency_id):
                continue
            used.add(origin.pk)
            return origin, adopter
        raise RuntimeError("not enough demo innovations for replications")

    # one per stage
    for until in [Stage.MINAT, *PATH]:
        origin, adopter = pick()
        _advance(_actor(adopter), _start(adopter, origin), until)
        made += 1
    origin, adopter = pick()
    request = _start(adopter, origin, model=Model.KERJA_SAMA)
    rules.decide(_actor(origin.agency), request.pk, accept=False, expected_version=0,
                 reason="Sistem sedang dimigrasi, ajukan lagi tahun depan.")
    origin, adopter = pick()
    _advance(_actor(adopter), _start(adopter, origin), Stage.PERSIAPAN)
    replication = Replication.objects.get(origin=origin, adopter=adopter)
    rules.move(_actor(adopter), replication.pk, Stage.DIBATALKAN, expected_version=replication.version,
               note="Anggaran dialihkan.")
    made += 2

    # a kerja sama request waiting for Pemerintah Kota Manado (editor.manado) to answer
    manado = Agency.objects.filter(name="Pemerintah Kota Manado").first()
    manado_page = InnovationPage.objects.live().filter(agency=manado).order_by("pk").first() if manado else None
    if manado_page is not None:
        busy = set(Replication.objects.filter(origin=manado_page).values_list("adopter_id", flat=True))
        adopter = next(a for a in adopters if plausible(manado, a) and a.pk not in busy)
        _start(adopter, manado_page, model=Model.KERJA_SAMA)
        used.add(manado_page.pk)
        made += 1

    # two generations: origin -> replica -> replica of the replica, each with a follow-up report
    origin, first_adopter = pick()
    current, owner = origin, origin.agency
    for adopter in (first_adopter, next(a for a in adopters if plausible(owner, a) and a.pk != first_adopter.pk)):
        user = _actor(adopter)
        replication = _advance(user, _start(adopter, current, model=Model.MANDIRI), Stage.EVALUASI)
        replica = rules.make_replica_page(user, replication, scope=Scope.MODIFIKASI,
                                          title=f"{origin.title} — replikasi {adopter.name}")
        replica.save_revision(user=user).publish()
        rules.file_report(user, replication, rating=4, results="Waktu layanan turun dari 3 hari menjadi 1 hari.",
                          adaptations="Formulir disesuaikan dengan aturan daerah.",
                          difficulties="Integrasi data dengan sistem provinsi.")
        current, owner = InnovationPage.objects.get(pk=replica.pk), adopter
        made += 1
    return made + _spread(origins, adopters, used)


def _spread(origins, adopters, used):
    """Ordinary replications ending at the stages of ``SPREAD``: ten regency and city winners
    copied two or three times each by other regencies and cities, every adopter once."""
    popular = [o for o in origins if o.pk not in used and o.agency.agency_type in LOCAL][:10]
    busy = set(Replication.objects.values_list("adopter_id", flat=True))
    fresh = [a for a in adopters if a.pk not in busy and a.agency_type in LOCAL]
    made = 0
    for n, until in enumerate(SPREAD):
        # each adopter once; the origins in turn, so that some are copied three or four times
        turn = popular[n % len(popular):] + popular[:n % len(popular)]
        adopter, origin = next((a, o) for a in fresh for o in turn if plausible(o.agency, a))
        fresh.remove(adopter)
        model = Model.MANDIRI if n % 3 == 0 else Model.FASILITASI
        _advance(_actor(adopter), _start(adopter, origin, model=model), until)
        made += 1
    return made
