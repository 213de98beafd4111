"""The administrator's cycle page: each step over the rules; only national admins."""
import pytest

from hubs.roles import ensure_assessor_group
from pkri.models import AssessmentObject, Assignment

from .conftest import fill_everything

pytestmark = pytest.mark.django_db


def test_only_national_admins(client, cycle, coordinator_a, assessors):
    for user in (coordinator_a, assessors[0]):
        client.force_login(user)
        assert client.get(f"/admin/pkri/{cycle.year}/").status_code in (302, 403)
        assert client.get("/admin/snippets/pkri/cycle/").status_code in (302, 403)


def test_steps_from_the_admin(client, cycle, awarded, national_admin, locus_user, assessors):
    client.force_login(national_admin)
    assert client.get("/admin/pkri/").url == f"/admin/pkri/{cycle.year}/"
    url = f"/admin/pkri/{cycle.year}/"
    response = client.post(url, {"action": "objects", "obj-years": "2021 x", "obj-tiers": ["top-45"]})
    assert response.status_code == 200 and not AssessmentObject.objects.exists()  # bad year: the form says so
    client.post(url, {"action": "objects", "obj-years": "2021", "obj-tiers": ["top-45"]})
    obj = AssessmentObject.objects.get(cycle=cycle, group="keberlanjutan")
    fill_everything(locus_user, obj)
    from pkri import rules

    rules.submit(locus_user, obj)
    group = ensure_assessor_group()
    for user in assessors:
        user.groups.add(group)
    response = client.post(url, {"action": "assign", "asg-assessors": [assessors[0].pk], "asg-per_object": 2,
                                 "asg-stage": "dokumen"}, follow=True)
    assert "kurang dari 2" in response.content.decode() and not Assignment.objects.exists()
    client.post(url, {"action": "assign", "asg-assessors": [a.pk for a in assessors], "asg-per_object": 2, "asg-stage": "dokumen"})
    assert Assignment.objects.filter(object=obj).count() == 2
    for assignment in Assignment.objects.filter(object=obj):
        rules.score(assignment.assessor, assignment, {i.pk: (3, "") for i in rules._instrument(obj).indicators.all()})
    client.post(url, {"action": "evaluate"})
    client.post(url, {"action": "publish"})
    cycle.refresh_from_db()
    assert cycle.is_published
