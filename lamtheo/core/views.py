from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from lamtheo.core.models import Notice


@login_required
def notices(request):
    items = list(Notice.objects.filter(user=request.user)[:50])
    Notice.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
    return render(request, "core/notices.html", {"notices": items})


def csrf_failure(request, reason: str = ""):
    return render(request, "403_csrf.html", status=403)
