"""What a flow is and what it is for, in concepts of the bilingual thesaurus (circuito.search), and
whether an offer can serve a need.

A flow's materials (`m-` concepts) are those its own words name ("Trebbie di birra", "Drêches de
brasserie": brewers' spent grain, in either language), those agreeing with its code or category
when some do; else those its EWC code and categories both stand for (a code such as 02 03 04
stands for dozens of food residues: the category narrows it); else either. A need's uses (`u-`
concepts) are those its words name when its materials can serve them ("… pour l'alimentation
animale"), else the uses its category (or its family) is usually for, among those its materials
serve. An offer serves a need when its materials can be used as one of the need's uses, or (when
the need names no use) are one of the need's materials.

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
# Uses that relate a material only to itself: re-using a pallet is no use for textile offcuts.
SAME_MATERIAL_USES = frozenset({"u-reuse"})
# Uses that turn a material back into itself (remelting, recycling, regeneration): only a material
# of the same family serves them (boiler ash holds metal, but is no scrap for a steelworks).
SAME_FAMILY_USES = frozenset(
    {
        "u-scrap-remelting",
        "u-plastic-recycling",
        "u-paper-pulp",
        "u-cullet-remelting",
        "u-textile-recycling",
        "u-rubber-recycling",
        "u-solvent-regeneration",
        "u-oil-regeneration",
        "u-gypsum-recycling",
    }
)


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
    offered: int | None = None  # the offer's material concerned (None: too many to name one)
    wanted: int | None = None  # the need's material or use it fits (None when `different`)


UNKNOWN = Verdict("unknown")


@dataclass
class Materials:
    """Profiles and verdicts for one matching run, on one version of the thesaurus (memoised)."""

    tree: CategoryTree
    concepts: ConceptIndex | None
    _profiles: dict[tuple, Profile] = field(default_factory=dict)
    _served: dict[frozenset[int], frozenset[int]] = field(default_factory=dict)
    _verdicts: dict[tuple[int, int], Verdict] = field(default_factory=dict)

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
        named_materials: set[int] = set()
        named_uses: set[int] = set()
        for title in titles:
            for phrase in index.named(title) if title else ():
                # A word naming both a material and a use ("compost") names the material.
                materials_named = self._kind(phrase, MATERIAL)
                named_materials |= materials_named
                if not materials_named:
                    named_uses |= self._kind(phrase, USE)
        code_materials = self._kind(by_code, MATERIAL)
        category_materials = self._kind(by_category, MATERIAL)
        # Words that agree with the code or category, else the words alone (they say more than a
        # code picked from a list); without words, what both the code and the categories stand for.
        named = frozenset(named_materials & (code_materials | category_materials) or named_materials)
        materials = named or (code_materials & category_materials) or code_materials or category_materials
        # Uses named in the flow's words count when its materials can serve them (a "centrale di
        # teleriscaldamento" names a heat network, not what wood chips serve).
        explicit_uses = frozenset(named_uses) & self.served(materials)
        if not explicit_uses and named_uses:
            # The words may name the material loosely ("huiles usagées … pour biodiesel"): the use
            # still counts when a material of the flow's category serves it.
            explicit_uses = frozenset(named_uses) & self.served(category_materials)
        if explicit_uses:
            return Profile(categories, roots, materials, bool(named), explicit_uses, True)
        category_uses = self._kind(by_category, USE)
        if not category_uses:
            for pk in roots - categories:
                category_uses |= self._kind(index.linked("material", tree.slug.get(pk, "")), USE)
        uses = category_uses & self.served(materials) if materials else category_uses
        return Profile(categories, roots, materials, bool(named), uses, False)

    def served(self, materials: frozenset[int]) -> frozenset[int]:
        """Every concept one of `materials` can be used as."""
        found = self._served.get(materials)
        if found is None:
            found = self._served[materials] = frozenset(u for m in materials for u in self.concepts.serves(m))
        return found

    def verdict(self, offer: Profile, need: Profile) -> Verdict:
        # Profiles are memoised for the run: one verdict per pair of them.
        key = (id(offer), id(need))
        found = self._verdicts.get(key)
        if found is None:
            found = self._verdicts[key] = self._judge(offer, need)
        return found

    def _judge(self, offer: Profile, need: Profile) -> Verdict:
        if self.concepts is None or not offer.materials or not (need.materials or need.uses):
            return UNKNOWN
        fits: list[tuple[int, int, str]] = []
        key = self.concepts.key
        same_family = bool(offer.roots & need.roots)
        # A need known only by a broad category is for what such needs usually are for: being one
        # of the category's materials is not enough (used cooking oil is a food residue, but no
        # feed, compost or biogas feedstock).
        by_material = not need.explicit and (need.specific or not need.uses)
        for material in sorted(offer.materials):
            used_as = {
                use
                for use in self.concepts.serves(material) & need.uses
                if (material in need.materials or key(use) not in SAME_MATERIAL_USES)
                and (same_family or key(use) not in SAME_FAMILY_USES)
            }
            if by_material and material in need.materials:
                fits.append((material, material, "same_material"))
            elif used_as:
                fits.append((material, min(used_as), "uses"))
        if not fits:
            # Named only when the offer is known precisely (a broad code stands for many).
            return Verdict("different", offered=min(offer.materials) if offer.specific else None)
        same = [fit for fit in fits if fit[2] == "same_material"]
        material, wanted, kind = same[0] if same else fits[0]
        if kind == "same_material":
            certain = offer.specific and need.specific
        else:
            # A use the need names, served by most of what the offer may be; a use its category is
            # usually for is only a guess.
            certain = need.explicit and len(fits) / len(offer.materials) >= CERTAIN_SHARE
        return Verdict(kind, certain, material, wanted)

    def related(self, profile: Profile, is_offer: bool, guesses: bool = False) -> tuple[set[int], set[str]]:
        """Categories and EWC codes (or sub-chapters) of the flows on the other side that the
        thesaurus may relate to a flow of `profile`: where to look for them. `guesses`: for a
        need, also the materials serving the uses its category is usually for (possible links
        only, looked for when no certain one was found)."""
        if self.concepts is None:
            return set(), set()
        index = self.concepts
        if is_offer:
            # Needs of what the offer is, or of a use it serves (the use's usual categories).
            wanted = set(profile.materials) | set(self.served(profile.materials))
        else:
            wanted = set() if profile.explicit else set(profile.materials)
            if profile.explicit or guesses:
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
