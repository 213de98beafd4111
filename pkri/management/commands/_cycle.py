"""Shared by the PKRI commands: find the cycle or stop with a clear message."""
from django.core.management.base import CommandError

from pkri.models import Cycle


def get_cycle(year):
    cycle = Cycle.objects.filter(year=year).first()
    if cycle is None:
        raise CommandError(f"Siklus PKRI {year} belum ada. Buat dahulu di admin (PKRI → Siklus).")
    return cycle
