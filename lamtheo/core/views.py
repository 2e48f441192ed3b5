from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from lamtheo.core.models import Notice
from lamtheo.core.notices import sender_label

SHOWN = 50


@login_required
def notices(request):
    """The person's notices, unread first; opening the page marks them read (they were
    shown), the way the count in the header is cleared."""
    mine = Notice.objects.filter(user=request.user).select_related("sender")
    items = list(mine.filter(read_at__isnull=True).order_by("-created_at")[:SHOWN])
    items += mine.filter(read_at__isnull=False).order_by("-created_at")[: SHOWN - len(items)]
    for n in items:
        n.sender_line = sender_label(n.sender, n.sender_title) if n.sender else ""
    unread = sum(1 for n in items if n.read_at is None)
    Notice.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
    return render(request, "core/notices.html", {"notices": items, "unread": unread})


def csrf_failure(request, reason: str = ""):
    return render(request, "403_csrf.html", status=403)
