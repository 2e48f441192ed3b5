from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from lamtheo.campaign.selectors import topic_for
from lamtheo.handbook.selectors import STATE_LABELS, month_states, pending_reviews, review_queue
from lamtheo.inspections.selectors import remedies_for
from lamtheo.orgs.scope import Capability, top_units
from lamtheo.people.selectors import own_person
from lamtheo.pledges.selectors import pledge_of

QUEUE_ON_HOME = 5

MONTHS_DONE = frozenset({"reviewed", "exempt"})


@login_required
def home(request):
    """The task list: what this person has to do now, and the units they look after."""
    year = timezone.localdate().year
    person = own_person(request.user)
    queue = review_queue(request.user)
    context = {
        "year": year,
        "person": person,
        "labels": STATE_LABELS,
        "review_units": top_units(request.user, Capability.REVIEW),
        "stats_units": top_units(request.user, Capability.VIEW_STATS),
        # The cell's work first: what waits for the user's decision, oldest first.
        "queue": queue[:QUEUE_ON_HOME],
        "queue_total": len(queue),
        "queue_pledges": sum(1 for i in queue if i.kind == "pledge"),
        "queue_entries": sum(1 for i in queue if i.kind == "entry"),
        "pending": pending_reviews(request.user, queue),
        # What inspections left the user (or their unit) to remedy, overdue ones first.
        "remedies": sorted(remedies_for(request.user), key=lambda f: not f.is_overdue),
    }
    if person is not None:
        context["topic"] = topic_for(unit=person.cell, year=year)
        context["pledge"] = pledge_of(person, year)
        months = [s for s in reversed(month_states([person], year)[person.pk]) if s.member]
        # What still asks something of the member stays in the list; months the cell has
        # reviewed (or excused) fold under one line, so the list is what is due.
        context["months"] = [s for s in months if s.key not in MONTHS_DONE]
        context["months_done"] = [s for s in months if s.key in MONTHS_DONE]
        context["months_exempt"] = any(s.key == "exempt" for s in months)
    return render(request, "home/home.html", context)
