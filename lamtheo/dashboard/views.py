"""Dashboard views (being built)."""

from django.http import HttpResponse


def home(request):
    return HttpResponse(status=501)


def unit(request, code):
    return HttpResponse(status=501)
