"""Helpers of the flows tests: a company placed at a commune, a facilitator, private storage in a
temporary folder, and small valid/invalid files."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bourseflux.models import Flow
from circuito.accounts.models import Membership
from tests.bourseflux.factories import EwcCodeFactory, MaterialCategoryFactory
from tests.factories import CommuneFactory, MembershipFactory, OrganisationFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes() -> bytes:
    try:
        from PIL import Image
    except ImportError:  # a minimal valid PNG header is enough without Pillow
        return b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, "PNG")
    return buffer.getvalue()


def photo(name: str = "marc.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def pdf(name: str = "analyse.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def make_facilitator():
    membership = MembershipFactory(
        organisation=OrganisationFactory(kind="partner", legal_name="Chambre de commerce"), is_facilitator=True
    )
    return membership.user


def company_at_commune(**kwargs):
    return OrganisationFactory(commune=CommuneFactory(name="Chambéry"), **kwargs)


def valid_data(**overrides) -> dict:
    """A waste offer (apple pomace as 02 03 04) that passes every rule."""
    data = {
        "direction": Flow.Direction.OFFER,
        "nature": Flow.Nature.WASTE,
        "ewc": EwcCodeFactory(),
        "category": MaterialCategoryFactory(),
        "title_fr": "Marc de pommes",
        "physical_state": Flow.State.PASTE,
        "quantity": "12",
        "unit": Flow.Unit.TONNE,
        "frequency": Flow.Frequency.MONTH,
        "quantity_visibility": Flow.Visibility.MEMBERS,
    }
    data.update(overrides)
    return data


@pytest.fixture
def private_storage(monkeypatch, tmp_path):
    """Uploaded files go to a temporary folder, not to the project's media folder (the field
    resolved its storage when the model was loaded, so the field itself is patched)."""
    from django.core.files.storage import FileSystemStorage

    from bourseflux.models import FlowAttachment

    storage = FileSystemStorage(location=str(tmp_path / "private"), base_url=None)
    monkeypatch.setattr(FlowAttachment._meta.get_field("file"), "storage", storage)
    return tmp_path / "private"


def add_member(organisation, role=Membership.Role.MEMBER):
    return MembershipFactory(organisation=organisation, role=role).user
