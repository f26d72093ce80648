"""What a flow is and what it is for, in concepts of the bilingual thesaurus (circuito.search), and
whether an offer can serve a need.

A flow's materials (`m-` concepts) are those its own words name ("Trebbie di birra", "Drêches de
brasserie": brewers' spent grain, in either language); else those its EWC code and categories
both stand for (a code such as 02 03 04 stands for dozens of food residues: the category narrows
it); else either. A need's uses (`u-` concepts) are those its words name when its materials can
serve them ("… pour l'alimentation animale"), else the uses its category is usually for, among
those its materials serve. An offer serves a need when its materials can be used as one of the
need's uses, or (when the need names no use) are one of the need's materials.

The thesaurus decides only where it knows both sides; where it is silent, codes and categories
decide alone (`rules.relate`)."""

from dataclasses import dataclass, field

from bourseflux.reference_lookup import CategoryTree
from circuito.search.concepts import ConceptIndex

MATERIAL, USE = "m-", "u-"
# A flow whose code and category stand for at most this many materials is known precisely (a
# shared material then means the same material, not merely the same family).
SPECIFIC = 3
# Share of an offer's possible materials that must serve the need for a use to be certain.
CERTAIN_SHARE = 0.5


@dataclass(frozen=True)
class Profile:
    categories: frozenset[int]
    roots: frozenset[int]
    materials: frozenset[int] = frozenset()
    named: bool = False  # materials named by the flow's own words
    uses: frozenset[int] = frozenset()
    explicit: bool = False  # uses named by the flow's own words

    @property
    def specific(self) -> bool:
        return self.named or 0 < len(self.materials) <= SPECIFIC


@dataclass(frozen=True)
class Verdict:
    """What the thesaurus says of an offer for a need: `same_material`, `uses`, `different`
    (it knows both and neither fits) or `unknown`; `certain` when the evidence is precise."""

    kind: str
    certain: bool = False
    offered: int | None = None  # the offer's material concerned
    wanted: int | None = None  # the need's material or use it fits (None when `different`)


UNKNOWN = Verdict("unknown")


@dataclass
class Materials:
    """Profiles and verdicts for one matching run, on one version of the thesaurus (memoised)."""

    tree: CategoryTree
    concepts: ConceptIndex | None
    _profiles: dict[tuple, Profile] = field(default_factory=dict)
    _served: dict[frozenset[int], frozenset[int]] = field(default_factory=dict)

    def profile(self, category_id: int, ewc_code: str, titles: tuple[str, ...] = ()) -> Profile:
        key = (category_id, ewc_code, titles)
        found = self._profiles.get(key)
        if found is None:
            found = self._profiles[key] = self._build(category_id, ewc_code, titles)
        return found

    def _kind(self, ids, prefix: str) -> frozenset[int]:
        return frozenset(i for i in ids if self.concepts.key(i).startswith(prefix))

    def _build(self, category_id: int, ewc_code: str, titles: tuple[str, ...]) -> Profile:
        tree = self.tree
        categories = frozenset({category_id, *(tree.for_code(ewc_code) if ewc_code else ())})
        roots = frozenset(tree.root(pk) for pk in categories)
        index = self.concepts
        if index is None:
            return Profile(categories, roots)
        by_code: set[int] = set()
        if ewc_code:
            by_code |= index.linked("ewc", ewc_code) | index.linked("ewc", ewc_code[:5])
        by_category: set[int] = set()
        for pk in categories:
            by_category |= index.linked("material", tree.slug.get(pk, ""))
        named: set[int] = set()
        for title in titles:
            if title:
                named |= index.named(title)
        code_materials = self._kind(by_code, MATERIAL)
        category_materials = self._kind(by_category, MATERIAL)
        named_materials = self._kind(named, MATERIAL)
        # The flow's own words first; else what both its code and its categories stand for.
        materials = named_materials or (code_materials & category_materials) or code_materials or category_materials
        # Uses named in the flow's words count when something it may be can serve them (a
        # "centrale di teleriscaldamento" names a heat network, not what wood chips serve).
        could_serve = self.served(materials | category_materials)
        named_uses = self._kind(named, USE) & could_serve
        if named_uses:
            uses, explicit = named_uses, True
        else:
            category_uses = self._kind(by_category, USE)
            if category_uses:
                uses = category_uses & self.served(materials) if materials else category_uses
            elif materials and (bool(named_materials) or len(materials) <= SPECIFIC):
                uses = self.served(materials)
            else:
                uses = frozenset()
            explicit = False
        return Profile(categories, roots, materials, bool(named_materials), uses, explicit)

    def served(self, materials: frozenset[int]) -> frozenset[int]:
        """Every concept one of `materials` can be used as."""
        found = self._served.get(materials)
        if found is None:
            found = self._served[materials] = frozenset(u for m in materials for u in self.concepts.serves(m))
        return found

    def verdict(self, offer: Profile, need: Profile) -> Verdict:
        if self.concepts is None or not offer.materials or not (need.materials or need.uses):
            return UNKNOWN
        fits: list[tuple[int, int, str]] = []
        for material in sorted(offer.materials):
            used_as = self.concepts.serves(material) & need.uses
            if used_as:
                fits.append((material, min(used_as), "uses"))
            elif not need.explicit and material in need.materials:
                fits.append((material, material, "same_material"))
        if not fits:
            return Verdict("different", offered=min(offer.materials))
        same = [fit for fit in fits if fit[2] == "same_material"]
        material, wanted, kind = same[0] if same else fits[0]
        if kind == "same_material":
            certain = offer.specific and need.specific
        else:
            certain = len(fits) / len(offer.materials) >= CERTAIN_SHARE and (need.explicit or need.specific)
        return Verdict(kind, certain, material, wanted)

    def related(self, profile: Profile, is_offer: bool) -> tuple[set[int], set[str]]:
        """Categories and EWC codes (or sub-chapters) of the flows on the other side that the
        thesaurus may relate to a flow of `profile`: where to look for them."""
        if self.concepts is None:
            return set(), set()
        index = self.concepts
        if is_offer:
            # Needs of what the offer is, or of a use it serves.
            wanted = set(profile.materials) | set(self.served(profile.materials))
        else:
            wanted = set() if profile.explicit else set(profile.materials)
            for use in profile.uses:
                wanted |= index.served_by.get(use, frozenset())
        slugs = {slug: pk for pk, slug in self.tree.slug.items()}
        categories, codes = set(), set()
        for concept in wanted:
            for scheme, code in index.links(concept):
                if scheme == "material" and code in slugs:
                    categories.add(slugs[code])
                elif scheme == "ewc":
                    codes.add(code)
        return categories, codes
