"""Bilingual search of the Tiers-Lieux: the same need typed in French or in Italian finds the same
places, by their own words in either language and by the concepts of the thesaurus it names."""

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIRequestFactory

from circuito.search.loaders import Row, load_thesaurus
from tests.tierslieux.factories import PlaceFactory, PlaceKindFactory, ServiceFactory, ServiceKindFactory
from tests.tierslieux.factories_places import EquipmentFactory, cuneo, equipment_kind, nice, turin
from tierslieux.api.places import PlaceViewSet
from tierslieux.models import Place
from tierslieux.search import parse_query, place_reasons, search_places

pytestmark = pytest.mark.django_db


def row(key, fr, it, en=(), links=()) -> Row:
    return Row(key=key, terms={"fr": list(fr), "it": list(it), "en": list(en)}, links=list(links), serves=[], source="")


THESAURUS = [
    row(
        "t-laser-cutting",
        ["découpe laser", "découpeuse laser", "gravure laser"],
        ["taglio laser", "tagliatrice laser", "incisione laser"],
        ["laser cutter", "laser cutting"],
        [("equipment", "laser-cutter")],
    ),
    row(
        "t-3d-printing",
        ["impression 3D", "imprimante 3D"],
        ["stampa 3D", "stampante 3D"],
        ["3D printing", "3D printer"],
        [("equipment", "3d-printer")],
    ),
    row(
        "t-prototype",
        ["prototype", "prototypage"],
        ["prototipo", "prototipazione"],
        ["prototype"],
        [("service", "prototyping")],
    ),
    row(
        "t-coworking",
        ["bureau en coworking", "poste de travail", "espace de coworking"],
        ["scrivania in coworking", "postazione di lavoro", "spazio di coworking"],
        ["coworking desk"],
        [("place", "coworking"), ("service", "hosting")],
    ),
    row(
        "t-finance",
        ["financement", "accès au crédit", "levée de fonds"],
        ["finanziamento", "accesso al credito", "raccolta fondi"],
        ["funding"],
        [("service", "access-to-finance")],
    ),
    row(
        "t-training",
        ["formation"],
        ["formazione", "corso di formazione"],
        ["training"],
        [("service", "skills-training")],
    ),
    row(
        "t-mentoring",
        ["accompagnement", "mentorat"],
        ["tutoraggio", "affiancamento"],
        ["mentoring"],
        [("service", "mentoring")],
    ),
    row(
        "t-testing",
        ["essais et certification", "certification"],
        ["prove e certificazione", "certificazione"],
        ["testing and certification"],
        [("service", "testing-certification")],
    ),
]

# The same everyday need, as a French and as an Italian visitor type it, and the places it is for.
NEEDS = [
    ("je cherche une découpe laser", "cerco un taglio laser", {"Fablab Nice", "Officina Cuneo"}),
    ("impression 3D de pièces", "stampa 3D di pezzi", {"Fablab Nice"}),
    ("réaliser un prototype", "realizzare un prototipo", {"Fablab Nice"}),
    ("un bureau en coworking", "una scrivania in coworking", {"Cowork Menton"}),
    ("trouver un financement", "accesso al credito", {"Officina Cuneo", "Incubateur Sophia"}),
    ("une formation", "un corso di formazione", {"Incubateur Sophia"}),
    ("un accompagnement", "tutoraggio", {"Officina Cuneo", "Incubateur Sophia"}),
    ("essais et certification", "prove e certificazione", {"Laboratorio Prove Torino"}),
]


def kind(code: str, fr: str, it: str):
    return ServiceKindFactory(code=code, name_fr=fr, name_it=it)


@pytest.fixture
def places(django_capture_on_commit_callbacks):
    """Places described in one language only, as referents write them."""
    with django_capture_on_commit_callbacks(execute=True):
        load_thesaurus(THESAURUS)
    prototyping = kind("prototyping", "Prototypage", "Prototipazione")
    finance = kind("access-to-finance", "Accès au financement", "Accesso ai finanziamenti")
    mentoring = kind("mentoring", "Accompagnement et mentorat", "Mentoring e tutoraggio")
    hosting = kind("hosting", "Hébergement et incubation", "Ospitalità e incubazione")
    training = kind("skills-training", "Compétences et formation", "Competenze e formazione")
    testing = kind("testing-certification", "Essais et certification", "Prove e certificazione")
    support = kind("business-support", "Appui aux entreprises", "Supporto alle imprese")
    fablab = PlaceKindFactory(code="fablab", name_fr="Fablab", name_it="Fablab")
    coworking = PlaceKindFactory(code="coworking", name_fr="Espace de coworking", name_it="Spazio di coworking")

    nice_lab = PlaceFactory(name="Fablab Nice", commune=nice(), kinds=[fablab], description_fr="Atelier ouvert.")
    EquipmentFactory(place=nice_lab, kind="Découpeuse laser", name="Speedy 400", model="Trotec")
    EquipmentFactory(place=nice_lab, kind="Imprimante 3D", name="Prusa MK4")
    ServiceFactory(place=nice_lab, kind=prototyping, name_fr="Prototypage rapide", name_it="")

    cuneo_lab = PlaceFactory(
        name="Officina Cuneo", commune=cuneo(), kinds=[fablab], description_fr="", description_it="Officina aperta."
    )
    EquipmentFactory(place=cuneo_lab, kind="Laser", name="Laser cutter Trotec")
    ServiceFactory(place=cuneo_lab, kind=support, name_fr="", name_it="Raccolta fondi per startup")
    ServiceFactory(place=cuneo_lab, kind=mentoring, name_fr="", name_it="Tutoraggio")

    menton = PlaceFactory(name="Cowork Menton", kinds=[coworking], description_fr="Au bord de la mer.")
    ServiceFactory(place=menton, kind=hosting, name_fr="Location de bureaux", name_it="")

    sophia = PlaceFactory(
        name="Incubateur Sophia",
        kinds=[PlaceKindFactory(code="incubator", name_fr="Incubateur", name_it="Incubatore")],
        description_fr="Startups.",
    )
    ServiceFactory(place=sophia, kind=finance, name_fr="Levée de fonds", name_it="")
    ServiceFactory(place=sophia, kind=training, name_fr="Ateliers pour créateurs", name_it="")
    ServiceFactory(place=sophia, kind=mentoring, name_fr="Accompagnement des créateurs", name_it="")

    torino = PlaceFactory(
        name="Laboratorio Prove Torino", commune=turin(), description_fr="", description_it="Laboratorio accreditato."
    )
    ServiceFactory(place=torino, kind=testing, name_fr="", name_it="Prove di resistenza dei materiali")

    PlaceFactory(name="Médiathèque", description_fr="Livres et jeux.")
    return {p.name: p for p in Place.objects.all()}


def found(text: str, language: str) -> list[str]:
    return [p.name for p in search_places(text, language)]


@pytest.mark.parametrize(("french", "italian", "expected"), NEEDS, ids=[n[0] for n in NEEDS])
def test_the_same_need_in_french_and_in_italian_finds_the_same_places(places, french, italian, expected):
    assert set(found(french, "fr")) == expected
    assert set(found(italian, "it")) == expected


def test_a_service_written_only_in_italian_is_found_in_french_and_the_reverse(places):
    # "Raccolta fondi per startup" (Italian only, not a finance kind): the thesaurus knows "levée de fonds".
    assert "Officina Cuneo" in found("levée de fonds", "fr")
    # "Location de bureaux" and the coworking kind (French only) for an Italian desk.
    assert found("postazione di lavoro", "it") == ["Cowork Menton"]
    # "Prototypage rapide" (French only).
    assert found("prototipazione rapida", "it")[0] == "Fablab Nice"


def test_equipment_is_mapped_to_the_thesaurus_when_indexed(places):
    document = places["Officina Cuneo"].search_document
    assert " tlequipmentlasercutter " in document
    assert " tlequipment3dprinter " in places["Fablab Nice"].search_document
    # Neither "découpe" nor "taglio" is written anywhere at Officina Cuneo: the concept finds it.
    query = parse_query("taglio laser", "it")
    hit = search_places(query, "it").get(name="Officina Cuneo")
    with translation.override("en"):
        reasons = place_reasons(query, hit)
    assert reasons[0] == "taglio laser ↔ laser cutter" and reasons[-1] == "Equipment: Laser cutter Trotec"


def test_exact_name_first_then_rank(places):
    PlaceFactory(name="Prototipo", description_fr="Un nom comme un autre.")
    assert found("prototipo", "it")[0] == "Prototipo"
    assert found("Fablab Nice", "fr")[0] == "Fablab Nice"


def test_the_places_list_follows_each_save(places):
    lab = places["Médiathèque"]
    assert "Médiathèque" not in found("taglio laser", "it")
    equipment = EquipmentFactory(place=lab, kind="Graveuse", name="Gravure laser Epilog")
    assert "Médiathèque" in found("taglio laser", "it")
    equipment.delete()
    assert "Médiathèque" not in found("taglio laser", "it")
    lab.description_it = "Corsi di formazione"
    lab.save()
    assert "Médiathèque" in found("formation", "fr")


def directory(client, language: str, **params):
    with translation.override(language):
        url = reverse("tierslieux:directory")
    return client.get(url, params)


def test_the_directory_says_why_each_place_was_found(client, places):
    response = directory(client, "fr", q="cerco un taglio laser")
    assert response.status_code == 200
    html = response.content.decode()
    assert [p.name for p in response.context["page"]][:2] == ["Fablab Nice", "Officina Cuneo"]
    assert "data-search-reasons" in html
    assert "taglio laser ↔ découpe laser" in html
    assert "Équipement\u00a0: Laser cutter Trotec" in html  # French typography: non-breaking space
    html = directory(client, "it", q="trouver un financement").content.decode()
    assert "financement ↔ finanziamento" in html
    assert "Servizio: Raccolta fondi per startup" in html


def test_directory_with_a_search_keeps_its_query_count(client, places, django_assert_max_num_queries):
    directory(client, "fr", q="découpe laser")  # warm-up: thesaurus and vocabularies are loaded once
    with django_assert_max_num_queries(20) as few:
        directory(client, "fr", q="découpe laser")
    for n in range(15):
        lab = PlaceFactory(name=f"Lab {n}")
        EquipmentFactory(place=lab, kind="Laser cutter", name=f"Laser {n}")
        ServiceFactory(place=lab)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = directory(client, "fr", q="découpe laser")
    assert len(response.context["page"]) == 17


def test_the_map_and_the_exports_search_too(client, places):
    data = client.get(reverse("tierslieux:places_geojson"), {"q": "stampa 3D"}).json()
    assert [f["properties"]["name"] for f in data["features"]] == ["Fablab Nice"]


api = APIRequestFactory()
places_api = PlaceViewSet.as_view({"get": "list"})


def test_api_q_and_search_best_first_with_reasons(places):
    response = places_api(api.get("/api/", {"q": "accesso al credito"}, HTTP_ACCEPT_LANGUAGE="it"))
    assert response.status_code == 200
    results = response.data["results"]
    assert {r["name"] for r in results} == {"Officina Cuneo", "Incubateur Sophia"}
    assert all(r["search_reasons"] for r in results)
    same = places_api(api.get("/api/", {"search": "trouver un financement"})).data["results"]
    assert {r["name"] for r in same} == {"Officina Cuneo", "Incubateur Sophia"}
    plain = places_api(api.get("/api/")).data["results"]
    assert all(r["search_reasons"] == [] for r in plain)


def test_api_q_keeps_its_query_count(places, django_assert_max_num_queries):
    places_api(api.get("/api/", {"q": "taglio laser"}))  # warm-up
    with django_assert_max_num_queries(20) as few:
        places_api(api.get("/api/", {"q": "taglio laser"}))
    for n in range(10):
        EquipmentFactory(place=PlaceFactory(name=f"Lab {n}"), kind="Laser cutter", name=f"Laser {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = places_api(api.get("/api/", {"q": "taglio laser"}))
    assert len(response.data["results"]) == 12


ODD = [
    "",
    "a",
    "x" * 500,
    "de la les",
    "\x00laser",
    "% _ \\ * ( ) ' \"",
    "лазер 激光 laser",
    "'; DROP TABLE x; --",
    "3",
]


@pytest.mark.parametrize("typed", ODD)
def test_odd_input_finds_nothing_or_says_why_never_an_error(client, places, typed):
    assert isinstance(found(typed, "fr"), list)
    response = directory(client, "fr", q=typed)
    if "\x00" in typed:  # refused at the edge by the middleware, or said by the form
        assert response.status_code in (200, 400)
    else:
        assert response.status_code == 200
    api_response = places_api(api.get("/api/", {"q": typed}))
    assert api_response.status_code in (200, 400)
    if api_response.status_code == 400:
        assert api_response.data["q"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("a", "Saisissez au moins deux lettres ou chiffres"),
        ("x" * 500, "200"),
        ("de la les", "trop courants"),
    ],
)
def test_what_cannot_be_searched_is_said_in_the_readers_language(client, places, typed, message):
    response = directory(client, "fr", q=typed)
    assert list(response.context["page"]) == []
    assert message in response.content.decode()


def test_loading_the_thesaurus_rebuilds_equipment_codes_of_places(db):
    """A place whose machine was named before the thesaurus knew it is found once it does."""
    from django.core.management import call_command

    from circuito.search.models import Concept
    from tierslieux.models import Equipment
    from tierslieux.search_index import link_key

    place = PlaceFactory(name="Atelier des Alpes", description_fr="", description_it="")
    Equipment.objects.create(place=place, kind=equipment_kind("Taglio laser"), name="Trotec Speedy")
    key = f" {link_key('equipment', 'laser-cutter')} "
    place.refresh_from_db()
    assert key not in place.search_document
    call_command("load_thesaurus", verbosity=0)
    assert Concept.objects.filter(links__scheme="equipment", links__code="laser-cutter").exists()
    place.refresh_from_db()
    assert key in place.search_document
