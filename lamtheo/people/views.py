"""Views for people: the roster import (built in lamtheo.people.imports)."""

from django.http import HttpResponse


def import_roster(request):  # replaced by the import work
    return HttpResponse(status=501)
