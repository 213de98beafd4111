"""What other apps announce when they change how the public sees innovations without
publishing the pages (a replication becoming public, a PKRI status, a bulk import).

Apps that keep copies derived from innovations (the search index) listen here, so the apps
that make the change need not know them.
"""
from django.dispatch import Signal

#: Sent with ``ids``, the innovation page ids whose derived data changed, possibly inside a
#: transaction that is still open: receivers act after the commit (``transaction.on_commit``).
innovations_changed = Signal()
