#!/usr/bin/env python
"""Benchmark: a competition edition of 3,000 proposals and 100 evaluators, then time the
secretariat's list, an evaluator's queue and the organiser's ranking page (and the ranking
function alone).

    .venv/bin/python bench/competition_edition.py [--proposals 3000] [--evaluators 100] [--repeat 20] [--database-url URL]

Uses its own database (default: SQLite file bench/results/competitions.sqlite3, recreated each
run). Prints p50/p95 over --repeat requests through Django's test client (no network) and the
SQL query count of each page; figures also go to bench/results/competitions.json.
"""
import argparse
import datetime
import json
import platform
import random
import statistics
import time

from _setup import RESULTS, setup_django


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def build(n_proposals, n_evaluators, rng):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from agencies.models import Agency, AgencyType
    from competitions import roles, rules
    from competitions.models import (
        Assignment,
        Edition,
        EditionGroup,
        Group,
        Proposal,
        ProposalStep,
        Score,
        Status,
        normalise_title,
    )
    from core.site_setup import ensure_site_structure
    from innovations.models import SDG, Category
    from regions.models import Regency

    ensure_site_structure()
    groups = roles.ensure_groups()
    User = get_user_model()
    today = timezone.localdate()
    edition = Edition.objects.create(
        name="KIPP Uji Beban", slug="kipp-uji-beban", year=today.year, registration_opens_on=today - datetime.timedelta(days=60),
        registration_closes_on=today - datetime.timedelta(days=30), admin_selection_closes_on=today - datetime.timedelta(days=10),
        evaluation_closes_on=today + datetime.timedelta(days=20), shortlist_announce_on=today + datetime.timedelta(days=30))
    edition.categories.set(Category.objects.all())
    edition.save()
    EditionGroup.objects.create(edition=edition, group=Group.UMUM, cap_per_agency=10, shortlist_size=99)
    rules.prepare_instruments(edition)
    aspects = list(rules.instrument_for(edition, Group.UMUM).aspects.all())
    regencies = list(Regency.objects.select_related("province").order_by("code")[:400])
    agencies = Agency.objects.bulk_create([
        Agency(name=f"Pemerintah {r.name} (uji)", slug=f"uji-{r.code.replace('.', '-')}", agency_type=AgencyType.PEMKAB,
               province_id=r.province_id, regency=r) for r in regencies])
    admin = User.objects.create_superuser("penyelenggara", "penyelenggara@contoh.go.id", "x")
    secretariat = User.objects.create_user("sekretariat", "sekretariat@contoh.go.id", "x")
    secretariat.groups.add(groups[roles.SECRETARIAT_GROUP])
    evaluators = User.objects.bulk_create([User(username=f"penilai{i:03d}", email=f"penilai{i}@contoh.go.id")
                                           for i in range(n_evaluators)])
    groups[roles.EVALUATOR_GROUP].user_set.add(*evaluators)
    categories = list(edition.categories.all())
    now = timezone.now()
    proposals = Proposal.objects.bulk_create([
        Proposal(edition=edition, agency=agencies[i % len(agencies)], group=Group.UMUM, category=rng.choice(categories),
                 title=f"Inovasi layanan uji {i}", title_key=normalise_title(f"Inovasi layanan uji {i}"),
                 implementation_start=datetime.date(2019, 1, 1), submitted_at=now,
                 status=Status.LOLOS_ADMINISTRASI if i % 3 else Status.DIAJUKAN)
        for i in range(n_proposals)], batch_size=1000)
    sdg = SDG.objects.get(number=16)
    Proposal.sdgs.through.objects.bulk_create([Proposal.sdgs.through(proposal=p, sdg=sdg) for p in proposals], batch_size=2000)
    ProposalStep.objects.bulk_create([ProposalStep(proposal=p, action="diajukan", created_at=now) for p in proposals],
                                     batch_size=2000)
    passed = [p for p in proposals if p.status == Status.LOLOS_ADMINISTRASI]
    started = time.perf_counter()
    rules.assign_in_turn(admin, edition, evaluators)
    assign_s = time.perf_counter() - started
    assignments = list(Assignment.objects.filter(proposal__edition=edition))
    done = assignments[: len(assignments) * 9 // 10]
    Score.objects.bulk_create([Score(assignment=a, aspect=asp, score=rng.randint(4, 10)) for a in done for asp in aspects],
                              batch_size=5000)
    Assignment.objects.filter(pk__in=[a.pk for a in done]).update(completed_at=now)
    started = time.perf_counter()
    instrument = rules.instrument_for(edition, Group.UMUM)
    for proposal in Proposal.objects.filter(edition=edition, status=Status.LOLOS_ADMINISTRASI).select_related("edition"):
        rules.evaluate(proposal, instrument)
    evaluate_s = time.perf_counter() - started
    return edition, admin, secretariat, evaluators, {"passed": len(passed), "assignments": len(assignments),
                                                      "assign_in_turn_s": round(assign_s, 2),
                                                      "evaluate_all_s": round(evaluate_s, 2)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--proposals", type=int, default=3000)
    parser.add_argument("--evaluators", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--database-url", help="database to use (default: a fresh SQLite file)")
    args = parser.parse_args()

    setup_django("competitions.sqlite3", args.database_url)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    edition, admin, secretariat, evaluators, facts = build(args.proposals, args.evaluators, random.Random(14))
    facts["build_s"] = round(time.perf_counter() - started, 1)
    print(f"{args.proposals} proposals, {args.evaluators} evaluators: {facts}")

    from competitions import rules

    results = {}

    def timed(label, run):
        times, count = [], [0]

        def counter(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):  # the test client's request_started resets query logs
            run()
        for _ in range(args.repeat):
            start = time.perf_counter()
            run()
            times.append((time.perf_counter() - start) * 1000)
        results[label] = {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(percentile(times, 0.95), 1),
                          "queries": count[0]}
        print(f"{label:40} p50 {results[label]['p50_ms']:7.1f} ms  p95 {results[label]['p95_ms']:7.1f} ms  "
              f"({results[label]['queries']} queries)")

    def page(user, url):
        client = Client()
        client.force_login(user)

        def run():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        return run

    slug = edition.slug
    busiest = max(evaluators, key=lambda e: e.competition_assignments.count())
    timed("sekretariat (diajukan, halaman 1)", page(secretariat, f"/kompetisi/{slug}/sekretariat/?status=diajukan"))
    timed("sekretariat (semua, halaman 20)", page(secretariat, f"/kompetisi/{slug}/sekretariat/?status=&halaman=20"))
    timed("penilaian saya (antrean penilai)", page(busiest, f"/kompetisi/{slug}/penilaian/"))
    timed("peringkat (halaman penyelenggara)", page(admin, f"/kompetisi/{slug}/penyelenggara/"))
    timed("rules.ranking, 149 teratas (fungsi saja)", lambda: rules.ranking(edition, "umum", limit=149))
    timed("rules.ranking, semua 2.000 (fungsi saja)", lambda: rules.ranking(edition, "umum"))
    timed("halaman edisi (publik)", page(admin, f"/kompetisi/{slug}/"))
    out = {"when": datetime.datetime.now().isoformat(timespec="seconds"), "machine": platform.platform(),
           "database": connection.vendor, "facts": facts, "results": results}
    (RESULTS / "competitions.json").write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
