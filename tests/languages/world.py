"""One small world with a page of every kind, for the tests that walk the portal in both
languages: public pages, and the private pages of a company member, a place referent, partner
staff and lead partner staff."""

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation

from bourseflux.models import Synergy
from circuito.accounts.models import Membership, Organisation, User
from reporting.loaders import load_structure
from reporting.models import Deliverable, Meeting
from tests.bourseflux.factories import FlowFactory, SiteFactory, SynergyFactory
from tests.bourseflux.factories_transactions import deal
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.focusgroups.factories import SessionFactory, StudyFactory, TemplateVersionFactory
from tests.tierslieux.factories import EventFactory, PlaceFactory, ServiceFactory
from tests.tierslieux.factories_network import NewsFactory, ProjectFactory
from tests.tierslieux.factories_places import EquipmentFactory, OpeningHoursFactory, equipment_kind
from tierslieux.models import Booking, BookingRules, PlaceReferent
from tierslieux.services.reports import report_place_error


@dataclass
class Page:
    role: str  # "visitor", "company", "referent", "partner" or "lead"
    name: str  # URL name
    kwargs: dict
    query: str = ""  # "{lang}" stands for the page's language

    def url(self, language: str) -> str:
        with translation.override(language):
            query = self.query.format(lang=language)
            return reverse(self.name, kwargs=self.kwargs) + (f"?{query}" if query else "")


@dataclass
class World:
    users: dict[str, User]
    pages: list[Page]


def build_world() -> World:
    load_structure()  # the charter's partners (LIG the lead, PACA, …) and work packages
    lig = Organisation.objects.get(partner_code="LIG")
    paca = Organisation.objects.get(partner_code="PACA")
    lead = MembershipFactory(organisation=lig, user=UserFactory(preferred_language="it"), is_facilitator=True).user
    partner = MembershipFactory(organisation=paca, user=UserFactory(preferred_language="fr"), is_facilitator=True).user

    company = OrganisationFactory(legal_name="Cidrerie des Bauges", country="FR")
    member = MembershipFactory(
        organisation=company, user=UserFactory(preferred_language="fr"), role=Membership.Role.ADMIN
    ).user
    site = SiteFactory(organisation=company)
    flow = FlowFactory(site=site)
    synergy = SynergyFactory(offer=flow)
    # A second need carried to a deal: the deal's pages; both needs are candidates to compare.
    agreed = SynergyFactory(offer=flow, stage=Synergy.Stage.IMPLEMENTED)
    deal(agreed, member)
    compared = [synergy.need_id, agreed.need_id]

    place = PlaceFactory(name="Fablab de Nice", slug="fablab-de-nice")
    ServiceFactory(place=place)
    referent = UserFactory(preferred_language="it")
    PlaceReferent.objects.create(place=place, user=referent)
    for weekday in range(7):
        OpeningHoursFactory(place=place, weekday=weekday, opens=dt.time(8), closes=dt.time(20))
    kind = equipment_kind("Découpe laser", code="laser-cutter", name_it="Taglio laser")
    machine = EquipmentFactory(place=place, kind=kind, name="Trotec Speedy 300")
    BookingRules.objects.create(equipment=machine, slot_minutes=60, min_lead_hours=24)
    # A request of the company member: it shows in their bookings and on the referents' desk.
    starts = dt.datetime.combine(dt.date.today() + dt.timedelta(days=3), dt.time(10), dt.UTC)
    booking = Booking.objects.create(
        equipment=machine, user=member, organisation=company, starts_at=starts, ends_at=starts + dt.timedelta(hours=1)
    )
    report_place_error(place, message="Le numéro de téléphone a changé.", email="lea@example.org", language="fr")
    event = EventFactory(place=place, organiser=paca, slug="open-innovation-nice")
    news = NewsFactory(place=place)
    project = ProjectFactory(places=[place], slug="projet-commun")

    study = StudyFactory(coordinator=paca)
    version = TemplateVersionFactory(template__study=study)
    session = SessionFactory(study=study, template_version=version, organiser=paca, language="fr")
    meeting = Meeting.objects.create(number=1, kind=Meeting.Kind.IN_PERSON, city="Imperia", date=dt.date(2019, 1, 22))
    deliverable = Deliverable.objects.order_by("pk").first()

    users = {"company": member, "referent": referent, "partner": partner, "lead": lead}
    v, c, r, p, lp = "visitor", "company", "referent", "partner", "lead"
    pages = [
        Page(v, "home", {}),
        Page(v, "legal", {}),
        Page(v, "account_login", {}, "next=/{lang}/dashboard/"),
        Page(v, "account_signup", {}),
        Page(v, "account_reset_password", {}),
        Page(v, "tierslieux:home", {}),
        Page(v, "tierslieux:directory", {}, "q=fablab&page=1"),
        Page(v, "tierslieux:directory_map", {}),
        Page(v, "tierslieux:place_detail", {"slug": place.slug}),
        Page(v, "tierslieux:event_list", {}),
        Page(v, "tierslieux:event_past", {}),
        Page(v, "tierslieux:event_detail", {"slug": event.slug}),
        Page(v, "tierslieux:news_list", {}),
        Page(v, "tierslieux:news_detail", {"pk": news.pk}),
        Page(v, "tierslieux:project_list", {}),
        Page(v, "tierslieux:project_detail", {"slug": project.slug}),
        Page(v, "tierslieux:alerts_subscribe", {}),
        Page(v, "tierslieux:equipment_calendar", {"slug": place.slug, "pk": machine.pk}),
        Page(v, "tierslieux:place_report_error", {"slug": place.slug}),
        Page(v, "bourseflux:home", {}),
        Page(v, "bourseflux:flow_list", {}, "q=pommes"),
        Page(v, "bourseflux:map", {}),
        Page(v, "bourseflux:codes", {}),
        Page(v, "accounts:organisation_directory", {}),
        Page(v, "accounts:organisation_detail", {"slug": company.slug}),
        Page(c, "accounts:dashboard", {}),
        Page(c, "accounts:profile", {}),
        Page(c, "accounts:my_data", {}),
        Page(c, "accounts:api_token", {}),
        Page(c, "accounts:organisation_list", {}),
        Page(c, "accounts:organisation_create", {}),
        Page(c, "accounts:organisation_members", {"slug": company.slug}),
        Page(c, "bourseflux:my_flows", {}),
        Page(c, "bourseflux:flow_create", {}),
        Page(c, "bourseflux:flow_detail", {"pk": flow.pk}),
        Page(c, "bourseflux:flow_edit", {"pk": flow.pk}),
        Page(c, "bourseflux:site_list", {"org_id": company.pk}),
        Page(c, "bourseflux:site_create", {"org_id": company.pk}),
        Page(c, "bourseflux:site_edit", {"pk": site.pk}),
        Page(c, "bourseflux:flow_compare", {"pk": flow.pk}, "&".join(f"c={pk}" for pk in compared)),
        Page(c, "bourseflux:flow_mail_preferences", {}),
        Page(c, "bourseflux:transaction_detail", {"pk": agreed.pk}),
        Page(c, "bourseflux:transaction_edit", {"pk": agreed.pk}),
        Page(c, "bourseflux:synergy_list", {}),
        Page(c, "bourseflux:synergy_detail", {"pk": synergy.pk}),
        Page(c, "jobs:list", {}),
        Page(c, "tierslieux:my_requests", {}),
        Page(c, "tierslieux:my_bookings", {}),
        Page(c, "tierslieux:booking_detail", {"pk": booking.pk}),
        Page(c, "tierslieux:innovation_list", {}),
        Page(c, "tierslieux:request_create", {"slug": place.slug}),
        Page(r, "tierslieux:my_places", {}),
        Page(r, "tierslieux:place_edit", {"slug": place.slug}),
        Page(r, "tierslieux:place_hours", {"slug": place.slug}),
        Page(r, "tierslieux:service_create", {"slug": place.slug}),
        Page(r, "tierslieux:news_create", {"slug": place.slug}),
        Page(r, "tierslieux:equipment_edit", {"slug": place.slug, "pk": machine.pk}),
        Page(r, "tierslieux:place_bookings", {"slug": place.slug}),
        Page(r, "tierslieux:equipment_settings", {"slug": place.slug, "pk": machine.pk}),
        Page(r, "tierslieux:place_error_reports", {"slug": place.slug}),
        Page(p, "bourseflux:zone_list", {}),
        Page(p, "bourseflux:meeting_list", {}),
        Page(p, "bourseflux:funnel", {}),
        Page(p, "tierslieux:opendata_import", {}),
        Page(p, "focusgroups:template_list", {}),
        Page(p, "focusgroups:session_list", {}),
        Page(p, "focusgroups:session_detail", {"pk": session.pk}),
        Page(p, "focusgroups:capture", {"pk": session.pk}),
        Page(p, "focusgroups:questionnaire_list", {}),
        Page(p, "focusgroups:analysis_index", {}),
        Page(p, "reporting:index", {}),
        Page(p, "reporting:overview", {}),
        Page(p, "reporting:deliverable_detail", {"pk": deliverable.pk}),
        Page(p, "reporting:meeting_list", {}),
        Page(p, "reporting:meeting_detail", {"pk": meeting.pk}),
        Page(p, "reporting:expenditure_overview", {}),
        Page(lp, "reporting:monitoring_matrix", {}),
        Page(lp, "reporting:report_list", {}),
        Page(lp, "reporting:gantt", {}),
        Page(lp, "reporting:expenditure_period", {"code": "LIG", "period": 1}),
    ]
    return World(users, pages)
