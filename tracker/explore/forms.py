"""The explore pages' filters, read from the query string and checked."""

from __future__ import annotations

from django import forms

from tracker.explore.selectors import STATUSES, RelationFilters


class RelationFilterForm(forms.Form):
    year_from = forms.IntegerField(required=False, min_value=1900, max_value=2100, label="From year")
    year_to = forms.IntegerField(required=False, min_value=1900, max_value=2100, label="To year")
    status = forms.MultipleChoiceField(
        required=False, choices=[(s, s) for s in STATUSES], widget=forms.CheckboxSelectMultiple,
        label="Transfer status",
    )
    weapon = forms.CharField(required=False, max_length=200, label="Weapon",
                             widget=forms.TextInput(attrs={"list": "weapon-names"}))

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("year_from"), data.get("year_to")
        if start is not None and end is not None and start > end:
            raise forms.ValidationError("The first year comes after the last.")
        return data

    def filters(self) -> RelationFilters:
        data = self.cleaned_data
        return RelationFilters(year_from=data.get("year_from"), year_to=data.get("year_to"),
                               statuses=tuple(s for s in STATUSES if s in (data.get("status") or ())),
                               weapon=(data.get("weapon") or "").strip())


class MatrixForm(RelationFilterForm):
    top = forms.IntegerField(required=False, min_value=5, max_value=60, initial=25,
                             label="Suppliers and recipients shown")


class NetworkForm(RelationFilterForm):
    links = forms.IntegerField(required=False, min_value=10, max_value=400, initial=150, label="Links shown")
