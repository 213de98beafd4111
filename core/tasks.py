"""Background jobs of the portal core: recomputing the stored catalogue figures."""
from celery import shared_task


@shared_task(ignore_result=True)
def refresh_figures():
    """Queued after each commit that changed something public (core/figures.py)."""
    from . import figures

    figures.refresh()
