from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from lamtheo.core.forms import NoticesReadForm
from lamtheo.core.models import Notice
from lamtheo.core.notices import notices_mark_read, sender_label

SHOWN = 50


@login_required
def notices(request):
    """The person's notices, unread first. Reading the page changes nothing: "Đánh dấu đã
    đọc" (a POST) marks the notices shown, or one of them, as read."""
    if request.method == "POST":
        form = NoticesReadForm(request.POST)
        if form.is_valid():
            notices_mark_read(user=request.user, ids=form.cleaned_data["ids"])
        return redirect("core:notices")
    mine = Notice.objects.filter(user=request.user).select_related("sender")
    items = list(mine.filter(read_at__isnull=True).order_by("-created_at")[:SHOWN])
    items += mine.filter(read_at__isnull=False).order_by("-created_at")[: SHOWN - len(items)]
    for n in items:
        n.sender_line = sender_label(n.sender, n.sender_title) if n.sender else ""
    unread = mine.filter(read_at__isnull=True).count()
    shown_unread = [n.pk for n in items if n.read_at is None]
    return render(
        request,
        "core/notices.html",
        {"notices": items, "unread": unread, "shown_unread": shown_unread},
    )


def csrf_failure(request, reason: str = ""):
    return render(request, "403_csrf.html", status=403)
