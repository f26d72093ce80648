"""An integer `in` lookup with a value past the database's range matches nothing instead of raising
(SQLite refuses such integers): forms with several choices get a huge number as an invalid choice."""

import pytest
from django import forms

from circuito.accounts.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_out_of_range_integers_match_nothing():
    org = OrganisationFactory()
    huge = int("9" * 40)
    assert list(Organisation.objects.filter(pk__in=[huge])) == []
    assert list(Organisation.objects.filter(pk__in=[huge, org.pk, -huge])) == [org]
    field = forms.ModelMultipleChoiceField(Organisation.objects.all())
    with pytest.raises(forms.ValidationError):
        field.clean(["9" * 40])
