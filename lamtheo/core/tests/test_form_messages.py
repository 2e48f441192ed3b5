"""Length messages of every form, in the app's own Vietnamese (core.forms.install_length_messages)."""

from __future__ import annotations

from django import forms

from lamtheo.inspections.feedback.forms import FeedbackForm


class _Note(forms.Form):
    text = forms.CharField(max_length=10, min_length=3)


def test_a_text_too_long_says_how_long_it_is_and_the_limit():
    form = _Note({"text": "x" * 25})
    assert form.errors["text"] == [
        "Nội dung dài 25 ký tự, vượt giới hạn 10 ký tự; vui lòng rút gọn."
    ]


def test_a_text_too_short_says_the_minimum():
    form = _Note({"text": "ab"})
    assert form.errors["text"] == ["Nội dung cần ít nhất 3 ký tự (hiện có 2)."]


def test_the_public_report_form_uses_the_same_words(db):
    form = FeedbackForm({"what": "x" * 6000}, signed_in=False)
    assert "Nội dung dài 6000 ký tự, vượt giới hạn 5000 ký tự" in form.errors["what"][0]
