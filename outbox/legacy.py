"""For data migrations of apps whose mail used to be recorded in their own ``Notification``
table (one row per event and address, sent by their own Celery task): the rows become outbox
mail items under the key the outbox gives that mail today (``outbox.mail.mail_key``).

Unsent rows become pending items (the outbox delivers them); sent rows become sent items, so
their key still stops a second mail for the same event (a re-run reminder, say). Frozen here
rather than imported from ``outbox.mail`` so that later changes there cannot change what an old
migration does."""
import hashlib


def _mail_key(event, address):
    key = f"mail:{event}:{address.lower()}"
    return key if len(key) <= 200 else f"mail:{hashlib.sha256(key.encode()).hexdigest()}"


def notifications_to_outbox(apps, model, *, event_prefix=""):
    """Copy every row of ``model`` (``"app_label.Notification"``) into ``outbox.OutboxItem``."""
    notifications = apps.get_model(model)
    outbox_item = apps.get_model("outbox", "OutboxItem")
    items = [
        outbox_item(
            kind="mail", key=_mail_key(f"{event_prefix}{n.event}", n.recipient),
            payload={"subject": " ".join(n.subject.split())[:200], "body": n.body, "to": [n.recipient], "reply_to": []},
            status="terkirim" if n.sent_at else "menunggu", attempts=n.attempts, created_at=n.created_at,
            sent_at=n.sent_at, next_attempt_at=n.created_at)
        for n in notifications.objects.order_by("pk").iterator()
    ]
    outbox_item.objects.bulk_create(items, batch_size=1000, ignore_conflicts=True)
    return len(items)
