"""What every resource's router shares: the error responses it declares, and the small
shapes (province, regency, agency reference, page URL) that several resources embed. None of
them runs a query: callers fetch related rows in bulk."""
from django.utils.translation import gettext as _

from . import schemas

ERRORS = {404: schemas.Error, 422: schemas.Error}
MAX_ID = 2_147_483_647


def province(province):
    return {"kode": province.code, "slug": province.slug, "nama": province.name} if province else None


def regency(regency):
    return {"kode": regency.code, "nama": regency.name} if regency else None


def agency_ref(agency):
    return {
        "id": agency.pk,
        "nama": agency.name,
        "singkatan": agency.abbreviation,
        "jenis": agency.agency_type,
    }


def agency_ref_of(row, prefix="agency__"):
    """``agency_ref`` of an agency read as values (``prefix`` + name, ...; the id as ``agency_id``)."""
    return {"id": row[f"{prefix[:-2]}_id"], "nama": row[f"{prefix}name"], "singkatan": row[f"{prefix}abbreviation"],
            "jenis": row[f"{prefix}agency_type"]}


def province_of(row, prefix="province__"):
    """``province`` of a province read as values, None when the row has none."""
    if row[f"{prefix[:-2]}_id"] is None:
        return None
    return {"kode": row[f"{prefix}code"], "slug": row[f"{prefix}slug"], "nama": row[f"{prefix}name"]}


def regency_of(row, prefix="regency__"):
    if row[f"{prefix[:-2]}_id"] is None:
        return None
    return {"kode": row[f"{prefix}code"], "nama": row[f"{prefix}name"]}


def instant(value):
    """A datetime as the schema's JSON gives it (pydantic: microseconds kept, UTC as ``Z``), for
    a response rendered without validation (Django's encoder would cut it to milliseconds)."""
    return None if value is None else value.isoformat().replace("+00:00", "Z")


def url(request, page):
    return page.get_full_url(request)


def rendered(request, data):
    """``data``, already in the shape of the operation's response schema, rendered as JSON once.

    Returned as a response, ninja does not validate it again: for a list of 20 innovations that
    validation wrapped each of about 120 nested objects (a tenth of the request's worker time).
    ``tests/api`` checks these responses against their schema instead."""
    from .views import api

    return api.create_response(request, data, status=200)


def unknown(field, value):
    return _("Nilai “%(value)s” untuk filter %(field)s tidak dikenal dan diabaikan.") % {
        "value": value[:50],
        "field": field,
    }
