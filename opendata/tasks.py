from celery import shared_task


@shared_task(acks_late=True)
def dump_dataset():
    """Nightly: the whole public catalogue as dated CSV, XLSX and JSON (see opendata.dump)."""
    from .dump import dump_dataset as dump

    return dump()
