"""Fuzz every API operation from its own OpenAPI schema (schemathesis): valid and invalid
parameters, against the demo data, through the real WSGI application. No answer may be a 5xx.
"""

import re

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from .conftest import OPERATIONS

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 25


@pytest.fixture
def demo_data(demo):
    """The demo portal at a small size: hubs, agencies, innovations with awards, public and
    private replications, a published and an open PKRI cycle."""
    from pkri.models import Cycle
    from replication.models import Replication

    assert Cycle.objects.filter(published_at__isnull=False).exists()
    assert Replication.objects.filter(public_since__isnull=False).exists()


@pytest.fixture
def api_schema(demo_data):
    """The schema as /api/schema/ serves it. Requests go through the WSGI handler inside the
    test's transaction, so the handler must not close the connection at the end of each request
    (Django's own test client disconnects the same signal handler)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _known_path_values():
    """Path parameters that exist in the demo data: random ones would nearly always be 404."""
    from hubs.models import HubPage
    from innovations.models import InnovationPage
    from pkri.models import Cycle

    return {
        "id": list(InnovationPage.objects.live().public().order_by("pk").values_list("pk", flat=True)),
        "slug": list(HubPage.objects.live().order_by("pk").values_list("slug", flat=True)),
        "tahun": list(Cycle.objects.order_by("year").values_list("year", flat=True)),  # published and not
    }


def _on_real_data(operation, known):
    """Valid requests anchored on existing rows: a detail of a real object, or the first page of
    a list (random page numbers are mostly past the end), other parameters generated."""
    names = re.findall(r"{(\w+)}", operation.path)
    if names:
        name = names[0]
        return st.sampled_from(known[name]).flatmap(
            lambda value: operation.as_strategy(GenerationMode.POSITIVE, path_parameters={name: value})
        )
    return operation.as_strategy(GenerationMode.POSITIVE, query={"halaman": 1})


def test_no_operation_answers_with_a_server_error(api_schema):
    """Each operation gets ``MAX_EXAMPLES`` requests, a mix of valid, invalid and real-data ones
    (derandomized, so every run sends the same ones). Failures are collected per operation and
    reported together; every operation must also have answered 200 at least once, so the test
    cannot pass on 404s and 422s alone.

    The loop drives Hypothesis directly rather than through ``schemathesis.pytest``: that
    plugin's subtest reporting does not work with pytest 9 (it sets ``Function._nodeid``)."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert {op.path for op in operations} == OPERATIONS
    known = _known_path_values()
    failures = {}
    statuses = {operation.label: set() for operation in operations}
    for operation in operations:
        strategy = st.one_of(
            operation.as_strategy(GenerationMode.POSITIVE),
            operation.as_strategy(GenerationMode.NEGATIVE),
            _on_real_data(operation, known),
        )

        @given(case=strategy)
        @settings(
            max_examples=MAX_EXAMPLES,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
            phases=[Phase.explicit, Phase.generate, Phase.shrink],
        )
        def run(case):
            response = case.call()
            statuses[case.operation.label].add(response.status_code)
            case.validate_response(response, checks=[not_a_server_error])

        try:
            run()
        except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 - schemathesis raises a group
            failures[operation.label] = f"{error.__class__.__name__}: {error}"[:3000]
    assert not failures, "\n\n".join(f"{label}\n{text}" for label, text in failures.items())
    assert all(200 in codes for codes in statuses.values()), statuses
