from __future__ import annotations

import re

from django.urls import reverse

from lamtheo.dashboard.tests.helpers import YEAR


def get(client, code: str, **params):
    return client.get(reverse("dashboard:chart", args=[code]), params)


def test_the_chart_is_an_svg_with_a_point_per_month(played, login):
    response = get(login(played.committee_user), "DBSA", thang=f"{YEAR}-03")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    svg = response.content.decode()
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert 'xmlns="http://www.w3.org/2000/svg"' in svg
    # Twelve months of submission rates; a review rate only where something was submitted.
    assert len(re.findall(r"<circle", svg)) == 12 + 1
    assert "Đảng bộ Sở A" in svg


def test_coordinates_are_not_localized(played, login):
    svg = get(login(played.committee_user), "DBSA", thang=f"{YEAR}-03").content.decode()
    numbers = re.findall(r'\s(?:cx|cy|x1|x2|y1|y2|x|y)="([^"]+)"', svg)
    assert numbers and all(re.fullmatch(r"[0-9]+(\.[0-9]+)?", n) for n in numbers)
    polylines = re.findall(r'points="([^"]+)"', svg)  # "x,y x,y": the comma separates
    assert polylines and all(
        re.fullmatch(r"[0-9.]+,[0-9.]+( [0-9.]+,[0-9.]+)*", p) for p in polylines
    )


def test_the_chart_is_scoped_like_the_page(played, login):
    assert get(login(played.committee_user), "CBB").status_code == 404
    assert get(login(played.member_user), "CB1").status_code == 404


def test_bad_parameters_still_draw_a_chart(played, login):
    response = get(login(played.propaganda_user), "DBK", thang="abc", nam="99999")
    assert response.status_code == 200


def test_the_chart_takes_few_queries(played, login, django_assert_max_num_queries):
    client = login(played.propaganda_user)
    with django_assert_max_num_queries(7):
        get(client, "DBK", thang=f"{YEAR}-03")
