from .enums import Delivery, Kind
from .models import DeliverySetting, Notification, Watch


def inbox(user):
    return Notification.objects.filter(recipient=user).select_related("content_type")


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def current_settings(user) -> dict[str, str]:
    stored = dict(DeliverySetting.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind.value: stored.get(kind.value, Delivery.IMMEDIATELY) for kind in Kind}


def watches(user, content_type, object_id) -> bool:
    return Watch.objects.filter(user=user, content_type=content_type, object_id=object_id).exists()
