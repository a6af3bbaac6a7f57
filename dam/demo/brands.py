"""The demo studio's three client brands and its people, as plain data."""

from __future__ import annotations

from dataclasses import dataclass

from dam.demo.media import BrandLook


@dataclass(frozen=True)
class Shoot:
    """A photo shoot: where its pictures are filed, the campaign they serve and what they show."""

    collection: str
    campaign: str | None
    variants: tuple[str, ...]  # landscape variants (mountains, lake, sea, dunes)
    moods: tuple[str, ...]  # times of day


@dataclass(frozen=True)
class Product:
    shape: str  # bottle | dropper | can | jar | box
    label: tuple[str, str]  # brand line, product line
    collection: str
    campaign: str | None = None


@dataclass(frozen=True)
class DemoBrand:
    name: str
    slug: str
    palette: tuple[str, ...]  # dark, accent, light, support, highlight
    font: str  # the display face of its posters and labels (see canvas.font)
    mark: str  # the logo's symbol: peaks | sun | globe
    tagline: str
    notes: str
    campaigns: tuple[str, ...]
    shoots: tuple[Shoot, ...]
    products: tuple[Product, ...]
    headlines: tuple[tuple[str, ...], ...]  # poster lines; the last is the strapline
    posters: str  # collection of posters
    patterns: tuple[str, ...]  # pattern variants, "gradient" for mesh gradients
    design: str  # collection of patterns and backgrounds
    archive: str  # collection of imported assets
    generated: tuple[str, ...]  # collections of generations
    mix: dict[str, int]  # how many of each group at scale 1

    @property
    def look(self) -> BrandLook:
        return BrandLook(self.name, self.palette, self.mark, self.tagline, serif=self.font.startswith("serif"))


@dataclass(frozen=True)
class Person:
    handle: str
    name: str
    roles: dict[str, str]  # brand name -> role
    camera: tuple[str, str, str] | None = None  # make, model, lens of the photographers
    admin: bool = False


NORTHWIND = DemoBrand(
    name="Northwind Outdoor", slug="northwind",
    palette=("#2f5d50", "#e07a2f", "#e9dcc3", "#34495e", "#7fb3d5"), font="narrow-bold",
    mark="peaks", tagline="Go further",
    notes="Outdoor gear since 1998. Honest, weathered, wide open: real places, natural light, no gloss.",
    campaigns=("Go Further 2026", "Coastal Trail", "Winter Base Camp"),
    shoots=(
        Shoot("Shoots/2026/Autumn lookbook", "Go Further 2026", ("mountains", "lake"), ("dawn", "morning", "sunset")),
        Shoot("Shoots/2026/Coastal trail", "Coastal Trail", ("sea",), ("morning", "noon", "sunset")),
        Shoot("Shoots/2025/Winter base camp", "Winter Base Camp", ("mountains", "lake"), ("dusk", "dawn")),
    ),
    products=(
        Product("bottle", ("NORTHWIND", "Trail bottle 750 ml"), "Products/Bottles/Hero shots", "Go Further 2026"),
        Product("can", ("NORTHWIND", "Camp fuel 230 g"), "Products/Fuel/Packshots"),
        Product("box", ("NORTHWIND", "Ridge 40 L pack"), "Products/Packs/Packshots", "Winter Base Camp"),
    ),
    headlines=(("GO", "FURTHER", "Autumn collection 2026"), ("TRAIL", "READY", "The Ridge 40 L pack"),
               ("FIND YOUR", "NORTH", "Northwind Outdoor since 1998"), ("COAST", "TO PEAK", "The Coastal Trail series")),
    posters="Marketing/Posters/2026", patterns=("topo", "stripes", "dots"), design="Design/Patterns/Trail maps",
    archive="Archive/Agency 2024/Selects", generated=("Generated/Concepts/Round 1", "Generated/Concepts/Round 2"),
    mix={"shoot": 40, "packshot": 16, "poster": 8, "pattern": 8, "imported": 6, "generated": 18},
)  # fmt: skip

LUMEN = DemoBrand(
    name="Lumen Skincare", slug="lumen",
    palette=("#3a3a3a", "#c98b6b", "#fbf3ec", "#f2c6c2", "#a8bba2"), font="serif-bold",
    mark="sun", tagline="Glow, naturally",
    notes="Clean skincare. Calm, warm, soft light; skin-tone neutrals with one rose-gold accent.",
    campaigns=("Glow Spring Launch", "Night Repair", "Holiday Gift Sets"),
    shoots=(
        Shoot("Shoots/2026/Glow on location", "Glow Spring Launch", ("sea", "dunes"), ("dawn", "morning")),
        Shoot("Shoots/2026/Golden hour", "Night Repair", ("sea", "lake"), ("sunset", "dusk")),
    ),
    products=(
        Product("dropper", ("LUMEN", "Daily serum 30 ml"), "Products/Serums/Hero shots", "Glow Spring Launch"),
        Product("jar", ("LUMEN", "Night cream 50 ml"), "Products/Creams/Packshots", "Night Repair"),
        Product("bottle", ("LUMEN", "Cleansing oil 150 ml"), "Products/Cleansers/Packshots"),
        Product("box", ("LUMEN", "Holiday gift set"), "Products/Gift sets/Packshots", "Holiday Gift Sets"),
    ),
    headlines=(("Glow,", "naturally", "Daily serum with niacinamide"), ("Night", "Repair", "Wake up to softer skin"),
               ("Less is", "luminous", "The essentials edit"), ("The gift", "of glow", "Holiday sets, limited edition")),
    posters="Marketing/Posters/Spring launch", patterns=("gradient", "gradient", "terrazzo"),
    design="Marketing/Social/Backgrounds", archive="Archive/Retailer assets/2025",
    generated=("Generated/Moodboards/Spring", "Generated/Moodboards/Holiday"),
    mix={"shoot": 14, "packshot": 36, "poster": 10, "pattern": 14, "imported": 4, "generated": 18},
)  # fmt: skip

ATLAS = DemoBrand(
    name="Atlas Coffee", slug="atlas",
    palette=("#3b2418", "#c0803e", "#f3e6d3", "#1f6f6b", "#b5452c"), font="sans-bold",
    mark="globe", tagline="Wake up bolder",
    notes="Specialty roaster. Bold and warm: espresso browns, caramel, a teal that pops on shelf.",
    campaigns=("Cold Brew Summer", "Origin Stories"),
    shoots=(
        Shoot("Shoots/2026/Origin trip Huila", "Origin Stories", ("mountains", "lake"), ("dawn", "morning")),
        Shoot("Shoots/2025/Harvest", "Origin Stories", ("mountains", "dunes"), ("noon", "sunset")),
    ),
    products=(
        Product("can", ("ATLAS", "Cold brew 250 ml"), "Products/Cans/Cold brew", "Cold Brew Summer"),
        Product("box", ("ATLAS", "House blend 250 g"), "Products/Retail/Bags and boxes"),
        Product("jar", ("ATLAS", "Instant reserve 100 g"), "Products/Retail/Jars"),
        Product("bottle", ("ATLAS", "Cold brew concentrate 1 L"), "Products/Cans/Cold brew", "Cold Brew Summer"),
    ),
    headlines=(("COLD", "BREW", "SEASON", "Slow-steeped for 18 hours"), ("FROM", "ORIGIN", "Single estate, Huila, Colombia"),
               ("WAKE UP", "BOLDER", "Atlas house blend"), ("AUTUMN", "MENU", "Spiced mocha is back")),
    posters="Marketing/Posters/Cafe menu boards", patterns=("truchet", "stripes", "dots"),
    design="Design/Patterns/Packaging", archive="Archive/Agency 2025/Retail shots",
    generated=("Generated/Concepts/Packaging", "Generated/Concepts/Origin"),
    mix={"shoot": 20, "packshot": 32, "poster": 12, "pattern": 10, "imported": 4, "generated": 18},
)  # fmt: skip

BRANDS = (NORTHWIND, LUMEN, ATLAS)

_FUJI = ("FUJIFILM", "X-T5", "XF16-55mmF2.8 R LM WR")
_SONY = ("SONY", "ILCE-7M4", "FE 24-70mm F2.8 GM II")
_CANON = ("Canon", "Canon EOS R6m2", "RF24-105mm F4 L IS USM")
_NIKON = ("NIKON CORPORATION", "NIKON Z 8", "NIKKOR Z 24-120mm f/4 S")

# Each brand has a manager, two creators (photographers carry their camera) and a viewer; some people work
# across brands, as studio staff do. The admin runs the studio's library.
PEOPLE = (
    Person("alex.admin", "Alex Rivera", {}, admin=True),
    Person("maya.chen", "Maya Chen", {NORTHWIND.name: "manager", LUMEN.name: "viewer"}),
    Person("leo.hart", "Leo Hart", {NORTHWIND.name: "creator", ATLAS.name: "creator"}, _FUJI),
    Person("ines.ortiz", "Inés Ortiz", {NORTHWIND.name: "creator"}, _SONY),
    Person("tom.baker", "Tom Baker", {NORTHWIND.name: "viewer"}),
    Person("priya.nair", "Priya Nair", {LUMEN.name: "manager"}),
    Person("sofia.rossi", "Sofia Rossi", {LUMEN.name: "creator"}, _CANON),
    Person("kenji.sato", "Kenji Sato", {LUMEN.name: "creator"}, _SONY),
    Person("emma.lund", "Emma Lund", {LUMEN.name: "viewer", ATLAS.name: "viewer"}),
    Person("omar.haddad", "Omar Haddad", {ATLAS.name: "manager"}),
    Person("nina.berg", "Nina Berg", {ATLAS.name: "creator"}, _NIKON),
    Person("ravi.patel", "Ravi Patel", {ATLAS.name: "viewer"}),
)

# Every demo account signs in with this password (printed by `python -m dam demo` and on the sign-in page).
PASSWORD = "library-demo"


def members(brand: DemoBrand, role: str) -> list[Person]:
    return [p for p in PEOPLE if p.roles.get(brand.name) == role]
