"""What the demo library holds: upload batches of planned assets, with filing, metadata, review status, lineage."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Iterator

import numpy as np

from dam.demo.brands import BRANDS, DemoBrand, Person, members
from dam.demo.media import BrandLook, video_spec
from dam.demo.photos import Camera, PhotoSpec
from dam.vocab import STATUSES

# Shoot dates in EXIF count back from this fixed day, so that the files' bytes never depend on today.
ANCHOR = datetime(2026, 11, 20, 8, 0, 0)
GROUPS = ("identity", "shoot", "packshot", "poster", "pattern", "imported", "video", "generated")
_MOOD_WORDS = {"dawn": "first light", "morning": "morning light", "noon": "midday sun", "sunset": "golden hour",
               "dusk": "blue hour"}  # fmt: skip
_MOOD_TAGS = {"dawn": "sunrise", "morning": "morning", "noon": "daylight", "sunset": "sunset", "dusk": "dusk"}
_VARIANT_WORDS = {"mountains": "ridge line", "lake": "alpine lake", "sea": "coastline", "dunes": "dunes"}
_VARIANT_TAGS = {"mountains": "mountains", "lake": "lake", "sea": "sea", "dunes": "desert"}
_HOURS = {"dawn": 6, "morning": 9, "noon": 12, "sunset": 18, "dusk": 19}
_MODELS = ("flux-1.1-pro", "sdxl-1.0", "imagen-4", "sd-3.5-large")
_REJECT_NOTES = ("Colours are off-brand; please regrade warmer.", "Horizon is tilted, reshoot or straighten.",
                 "Label text is unreadable at thumbnail size.", "Too close to last season's hero; pick another.")  # fmt: skip
_UPLOAD_STATUS = (0.25, 0.15, 0.42, 0.08, 0.10)  # draft, in review, approved, rejected, archived
_GENERATED_STATUS = (0.45, 0.25, 0.15, 0.15, 0.0)
_IMPORTED_STATUS = (0.3, 0.0, 0.5, 0.0, 0.2)


@dataclass
class PlannedAsset:
    """One file: how to make it, what it says about itself (its XMP, as photographers' tools write it) and
    where the review walk should leave it."""

    key: str
    filename: str
    make: str  # photo | video | logo | guide
    spec: PhotoSpec | None = None
    camera: Camera | None = None
    look: BrandLook | None = None
    title: str | None = None
    description: str | None = None
    rating: int | None = None
    tags: tuple[str, ...] = ()
    status: str = "draft"
    reject_note: str = ""


@dataclass
class Batch:
    """One upload: files that arrive together and are filed alike (one call of the ingest pipeline)."""

    key: str
    brand: str
    creator: str
    assets: list[PlannedAsset] = field(default_factory=list)
    source: str = "uploaded"
    collection: str | None = None
    campaign: str | None = None
    tags: tuple[str, ...] = ()
    rating: int | None = None  # for files that carry no XMP (logos, guides, videos)
    days_ago: float = 30.0
    prompt: str | None = None
    negative_prompt: str | None = None
    model: str | None = None
    seed: int | None = None
    gen_params: dict | None = None
    parent_key: str | None = None  # the asset a generation run started from


def build(scale: float = 1.0) -> list[Batch]:
    """Every upload of the demo, generation runs after the assets they start from. Same scale, same plan."""
    return [batch for index, brand in enumerate(BRANDS) for batch in _brand_plan(brand, index, scale)]


def planned_assets(batches: list[Batch]) -> list[PlannedAsset]:
    return [asset for batch in batches for asset in batch.assets]


def _rng(brand_index: int, group: str, i: int) -> np.random.Generator:
    # One stream per asset or batch: changing how many of one group there are never changes the others.
    return np.random.default_rng([brand_index, GROUPS.index(group), i])


def _pick(rng: np.random.Generator, options):
    return options[int(rng.integers(len(options)))]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _extra_tags(rng: np.random.Generator, pool: tuple[str, ...], most: int = 2) -> list[str]:
    return [pool[i] for i in sorted(rng.permutation(len(pool))[: int(rng.integers(1, most + 1))])]


def _days(rng: np.random.Generator, oldest: float = 120.0) -> float:
    """How long ago a batch was uploaded: one in eight within the last week, the rest over four months."""
    return float(rng.uniform(0.2, 6.5) if rng.random() < 0.12 else rng.uniform(7, oldest))


def _rating(rng: np.random.Generator) -> int | None:
    return None if rng.random() < 0.35 else int(rng.choice([1, 2, 3, 4, 5], p=[0.05, 0.1, 0.25, 0.35, 0.25]))


def _status(rng: np.random.Generator, weights: tuple[float, ...]) -> str:
    return str(rng.choice(STATUSES, p=weights))


def _split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def _spread(groups: tuple, total: int) -> Iterator[tuple[int, object, range]]:
    """`total` assets spread over groups (shoots, product lines): each group's index, itself, its asset numbers."""
    start = 0
    for index, (group, n) in enumerate(zip(groups, _split(total, len(groups)))):
        if n:
            yield index, group, range(start, start + n)
        start += n


def _brand_plan(brand: DemoBrand, bi: int, scale: float) -> list[Batch]:
    count = {group: max(1, round(n * scale)) for group, n in brand.mix.items()}
    manager = members(brand, "manager")[0]
    creators = members(brand, "creator")
    batches = _identity(brand, manager)
    batches += _shoots(brand, bi, count["shoot"], [p for p in creators if p.camera] or creators)
    batches += _packshots(brand, bi, count["packshot"], creators)
    batches += _designs(brand, bi, count["poster"], count["pattern"], creators, manager)
    batches.append(_imported(brand, bi, count["imported"], manager))
    batches.append(_videos(brand, bi, creators, 2 if scale >= 0.5 else 1))
    batches += _generations(brand, bi, count["generated"], batches, creators)
    _cover([a for b in batches for a in b.assets if a.make == "photo"])
    for asset in (a for b in batches for a in b.assets if a.status == "rejected"):
        asset.reject_note = _REJECT_NOTES[len(asset.key) % len(_REJECT_NOTES)]
    return batches


def _cover(uploads: list[PlannedAsset]) -> None:
    """Whatever the scale, every brand shows each review status."""
    for status, asset in zip(STATUSES, uploads):
        asset.status = status


def _identity(brand: DemoBrand, manager: Person) -> list[Batch]:
    """The logo and the brand guide: approved, five stars, the oldest things in the brand."""
    logo = PlannedAsset(f"{brand.slug}/logo", f"{brand.slug}-logo.svg", "logo", look=brand.look, status="approved")
    guide = PlannedAsset(f"{brand.slug}/guide", f"{brand.slug}-brand-guidelines-2026.pdf", "guide",
                         look=brand.look, status="approved")  # fmt: skip
    common = {"brand": brand.name, "creator": manager.handle, "rating": 5}
    return [
        Batch(f"{brand.slug}/logos", assets=[logo], collection="Brand/Identity/Logos", days_ago=119.0,
              tags=("logo", "brand", "vector", "identity"), **common),
        Batch(f"{brand.slug}/guidelines", assets=[guide], collection="Brand/Identity/Guidelines", days_ago=118.5,
              tags=("brand guidelines", "brand", "document", "typography"), **common),
    ]  # fmt: skip


def _camera(kit: tuple[str, str, str] | None, rng: np.random.Generator, taken_at: datetime, portrait: bool):
    if kit is None:
        return None
    return Camera(
        make=kit[0], model=kit[1], lens=kit[2], taken_at=taken_at,
        f_number=float(_pick(rng, (2.8, 4.0, 5.6, 8.0, 11.0))), exposure=1 / float(_pick(rng, (60, 125, 250, 500, 1000))),
        iso=int(_pick(rng, (100, 200, 400, 800))), focal=float(_pick(rng, (18, 24, 35, 50, 70))),
        orientation=6 if portrait and rng.random() < 0.6 else 1,
    )  # fmt: skip


def _shoots(brand: DemoBrand, bi: int, total: int, photographers: list[Person]) -> list[Batch]:
    """Location shoots, each uploaded by its photographer straight off the card: EXIF, camera file names."""
    batches = []
    for s, shoot, numbers in _spread(brand.shoots, total):
        who = photographers[s % len(photographers)]
        days = _days(_rng(bi, "shoot", 1000 + s))
        title = shoot.collection.split("/")[-1]
        batch = Batch(f"{brand.slug}/shoot/{s}", brand.name, who.handle, collection=shoot.collection,
                      campaign=shoot.campaign, tags=("landscape", "location"), days_ago=days)  # fmt: skip
        shoot_day = ANCHOR - timedelta(days=int(days) + 2)
        for i in numbers:
            rng = _rng(bi, "shoot", i)
            variant, mood = _pick(rng, shoot.variants), _pick(rng, shoot.moods)
            portrait = rng.random() < 0.2
            size = (1000, 1500) if portrait else ((2400, 1600) if rng.random() < 0.06 else (1500, 1000))
            taken = shoot_day.replace(hour=_HOURS[mood], minute=int(rng.integers(0, 59)), second=int(rng.integers(0, 59)))
            number = 1000 + 37 * i + 500 * bi
            name = f"DSCF{number:04d}.jpg" if rng.random() < 0.5 else f"{brand.slug}-{_slug(title)}-{i + 1:03d}.jpg"
            batch.assets.append(PlannedAsset(
                f"{brand.slug}/shoot/{i}", name, "photo",
                spec=PhotoSpec("landscape", 10_000 * (bi + 1) + i, size, brand.palette, variant, mood),
                camera=_camera(who.camera, rng, taken, portrait),
                description=f"{title}: {_MOOD_WORDS[mood]} over the {_VARIANT_WORDS[variant]}." if rng.random() < 0.4 else None,
                rating=_rating(rng), status=_status(rng, _UPLOAD_STATUS),
                tags=(_VARIANT_TAGS[variant], _MOOD_TAGS[mood], *_extra_tags(rng, (
                    "outdoor", "travel", "nature", "hero", "lifestyle", "wide", "beach" if variant == "sea" else "hiking"))),
            ))  # fmt: skip
        batches.append(batch)
    return batches


def _packshots(brand: DemoBrand, bi: int, total: int, creators: list[Person]) -> list[Batch]:
    """Studio product shots, one upload per product line: a hero product or a group of three on a sweep."""
    batches = []
    for p, product, numbers in _spread(brand.products, total):
        who = creators[p % len(creators)]
        days = _days(_rng(bi, "packshot", 1000 + p))
        batch = Batch(f"{brand.slug}/packshot/{p}", brand.name, who.handle, collection=product.collection,
                      campaign=product.campaign, tags=("product", "packshot", product.shape), days_ago=days)  # fmt: skip
        for k, i in enumerate(numbers):
            rng = _rng(bi, "packshot", i)
            mood = _pick(rng, ("light", "light", "colour", "dark"))
            group = rng.random() < 0.35
            size = _pick(rng, ((1200, 1200), (1100, 1375), (1500, 1000)))
            taken = ANCHOR - timedelta(days=int(days) + 1, hours=int(rng.integers(0, 8)), minutes=int(rng.integers(0, 59)))
            shot = "group" if group else "hero"
            batch.assets.append(PlannedAsset(
                f"{brand.slug}/packshot/{i}", f"{brand.slug}-{_slug(product.label[1])}-{shot}-{k + 1:02d}.jpg", "photo",
                spec=PhotoSpec("product", 20_000 * (bi + 1) + i, size, brand.palette, product.shape, mood,
                               product.label, brand.font, extras={"group": group}),
                camera=_camera(who.camera, rng, taken, False),
                title=f"{product.label[1]}, {shot} on {mood}" if rng.random() < 0.5 else None,
                description=f"{product.label[1]}, {shot} shot on a {mood} sweep." if rng.random() < 0.3 else None,
                rating=_rating(rng), status=_status(rng, _UPLOAD_STATUS),
                tags=("studio" if mood == "light" else mood, *_extra_tags(rng, ("hero", "ecommerce", "still life"))),
            ))  # fmt: skip
        batches.append(batch)
    return batches


def _designs(brand: DemoBrand, bi: int, posters: int, patterns: int, creators, manager) -> list[Batch]:
    """Posters for the brand's lead campaign, and one upload of patterns and backgrounds."""
    batches = [Batch(f"{brand.slug}/posters", brand.name, creators[0].handle, collection=brand.posters,
                     campaign=brand.campaigns[0], tags=("poster", "typography"), days_ago=_days(_rng(bi, "poster", 1000)))]  # fmt: skip
    for i in range(posters):
        rng = _rng(bi, "poster", i)
        lines = brand.headlines[i % len(brand.headlines)]
        spec = PhotoSpec("poster", 30_000 * (bi + 1) + i, (1080, 1528), brand.palette, "",
                         _pick(rng, ("dark", "light", "mid")), lines, brand.font, extras={"brand": brand.name})  # fmt: skip
        suffix = ".png" if rng.random() < 0.5 else ".jpg"
        batches[0].assets.append(PlannedAsset(
            f"{brand.slug}/poster/{i}", f"{brand.slug}-poster-{_slug(' '.join(lines[:-1]))}-v{i + 1}{suffix}", "photo",
            spec=replace(spec, grain=0.0) if suffix == ".png" else spec,  # flat colour stays small in PNG
            title=" ".join(lines[:-1]).title() + f" poster, v{i + 1}", rating=_rating(rng),
            status=_status(rng, _UPLOAD_STATUS), tags=tuple(_extra_tags(rng, ("print", "campaign", "social", "out of home"))),
        ))  # fmt: skip
    batch = Batch(f"{brand.slug}/patterns", brand.name, manager.handle, collection=brand.design, tags=("background",),
                  days_ago=_days(_rng(bi, "pattern", 1000)))  # fmt: skip
    for i in range(patterns):
        rng = _rng(bi, "pattern", i)
        kind = brand.patterns[i % len(brand.patterns)]
        gradient = kind == "gradient"
        spec = PhotoSpec("gradient" if gradient else "pattern", 40_000 * (bi + 1) + i,
                         (1600, 900) if gradient else (1200, 1200), brand.palette,
                         ("rings" if i % 2 else "") if gradient else kind, _pick(rng, ("light", "dark", "mid")))  # fmt: skip
        batch.assets.append(PlannedAsset(
            f"{brand.slug}/pattern/{i}", f"{brand.slug}-{kind}-{i + 1:02d}{'.webp' if gradient else '.png'}", "photo",
            spec=spec if gradient else replace(spec, grain=0.0), rating=_rating(rng), status=_status(rng, _UPLOAD_STATUS),
            tags=(*(("gradient", "abstract") if gradient else ("pattern", kind)),
                  *_extra_tags(rng, ("texture", "social", "packaging", "web"))),
        ))  # fmt: skip
    return [*batches, batch]


def _imported(brand: DemoBrand, bi: int, n: int, manager: Person) -> Batch:
    """Older agency work brought over from the previous DAM and not filed yet: the Unfiled backlog."""
    kit = ("Canon", "Canon EOS 5D Mark IV", "EF24-70mm f/2.8L II USM")
    batch = Batch(f"{brand.slug}/imported", brand.name, manager.handle, source="imported", tags=("archive",),
                  days_ago=float(_rng(bi, "imported", 1000).uniform(90, 118)))  # fmt: skip
    for i in range(n):
        rng = _rng(bi, "imported", i)
        variant, mood = _pick(rng, ("mountains", "sea", "lake", "dunes")), _pick(rng, ("morning", "noon", "sunset"))
        taken = datetime(2024, 5, 1, _HOURS[mood]) + timedelta(days=int(rng.integers(0, 200)))
        batch.assets.append(PlannedAsset(
            f"{brand.slug}/imported/{i}", f"{brand.slug.upper()}_ARCHIVE_{i + 1:03d}.jpg", "photo",
            spec=PhotoSpec("landscape", 50_000 * (bi + 1) + i, (1500, 1000), brand.palette, variant, mood),
            camera=_camera(kit, rng, taken, False), rating=_rating(rng), status=_status(rng, _IMPORTED_STATUS),
            tags=(_VARIANT_TAGS[variant], *_extra_tags(rng, ("agency", "licensed", _MOOD_TAGS[mood]))),
        ))  # fmt: skip
    return batch


def _videos(brand: DemoBrand, bi: int, creators: list[Person], how_many: int) -> Batch:
    """Short social cuts, a moving version of a scene; the first of each brand alternates mp4 and WebM."""
    product = brand.products[0]
    choices = {
        "northwind": [("coast-sunset.mp4", PhotoSpec("landscape", 60_001, (640, 360), brand.palette, "sea", "sunset")),
                      ("lake-first-light.webm", PhotoSpec("landscape", 60_002, (640, 360), brand.palette, "lake", "dawn"))],
        "lumen": [("glow-loop.webm", PhotoSpec("gradient", 60_003, (640, 360), brand.palette)),
                  ("serum-turntable.mp4", PhotoSpec("product", 60_004, (640, 360), brand.palette, product.shape,
                                                    "light", product.label, brand.font, extras={"group": False}))],
        "atlas": [("menu-board-reveal.mp4", PhotoSpec("poster", 60_005, (360, 640), brand.palette, "sun", "dark",
                                                      brand.headlines[0], brand.font, extras={"reveal": True})),
                  ("cold-brew-can.webm", PhotoSpec("product", 60_006, (640, 360), brand.palette, product.shape,
                                                   "colour", product.label, brand.font, extras={"group": False}))],
    }[brand.slug]  # fmt: skip
    rng = _rng(bi, "video", 0)
    batch = Batch(f"{brand.slug}/videos", brand.name, creators[-1].handle, collection="Video/Social cuts/2026",
                  campaign=brand.campaigns[0], tags=("video", "motion", "social"), rating=4,
                  days_ago=float(rng.uniform(0.5, 6)))  # fmt: skip
    for i, (name, spec) in enumerate(choices[:how_many]):
        batch.assets.append(PlannedAsset(f"{brand.slug}/video/{i}", f"{brand.slug}-{name}", "video",
                                         spec=video_spec(spec, spec.size), status=("approved", "in_review")[i % 2]))  # fmt: skip
    return batch


def _generations(brand: DemoBrand, bi: int, total: int, uploads: list[Batch], creators: list[Person]) -> list[Batch]:
    """Generation runs, each a few variations from one starting asset: a shoot photo, a packshot, and (for a
    chain of two) one of the first run's own generations."""
    shoots = [a for b in uploads if b.key.startswith(f"{brand.slug}/shoot/") for a in b.assets]
    packshots = [a for b in uploads if b.key.startswith(f"{brand.slug}/packshot/") for a in b.assets]
    days_of = {a.key: b.days_ago for b in uploads for a in b.assets}
    sizes = _split(total, min(3, total))
    starts = ["shoot", "packshot", "chain"] if len(sizes) == 3 else ["shoot", "chain"][: len(sizes)]
    runs: list[Batch] = []
    i = 0
    for r, (n, start) in enumerate(zip(sizes, starts)):
        rng = _rng(bi, "generated", 1000 + r)
        parent = _pick(rng, runs[0].assets) if start == "chain" else _pick(rng, shoots if start == "shoot" else packshots)
        base = parent.spec
        model, size = _pick(rng, _MODELS), _pick(rng, ((1024, 1024), (1344, 768), (896, 1152)))
        if base.scene == "landscape":
            prompt = (f"{_VARIANT_WORDS[base.variant].capitalize()} through the day, layered atmospheric haze, "
                      f"{_pick(rng, ('cinematic', 'editorial', 'painterly', 'minimal'))}, {_pick(rng, ('35mm film', 'medium format'))}")  # fmt: skip
        else:
            prompt = f"{base.text[1]} on a seamless studio sweep, soft key light from the left, photorealistic packshot"
        seed = int(rng.integers(1, 2**31 - 1))
        run = Batch(
            f"{brand.slug}/generated/{r}", brand.name, _pick(rng, creators).handle, source="generated",
            collection=brand.generated[r % len(brand.generated)], tags=("ai", "concept"), prompt=prompt,
            negative_prompt="text, watermark, extra logos, blurry" if rng.random() < 0.5 else None, model=model,
            seed=seed, parent_key=parent.key, days_ago=(runs[0].days_ago if start == "chain" else days_of[parent.key])
            * float(rng.uniform(0.1, 0.6)),
            gen_params={"steps": int(_pick(rng, (20, 28, 30, 40))), "guidance": float(_pick(rng, (3.0, 3.5, 5.0))),
                        "sampler": _pick(rng, ("euler", "dpmpp_2m", "ddim")), "strength": round(float(rng.uniform(0.35, 0.8)), 2),
                        "width": size[0], "height": size[1], "batch_size": n},
        )  # fmt: skip
        for k in range(n):
            arng = _rng(bi, "generated", i)
            suffix = ".png" if arng.random() < 0.4 else ".webp"
            if base.scene == "landscape":
                mood = [m for m in _MOOD_WORDS if m != base.mood][k % 4]
                spec, tags = replace(base, mood=mood), (_VARIANT_TAGS[base.variant], _MOOD_TAGS[mood])
            else:
                mood = ("light", "colour", "dark")[k % 3]
                spec = replace(base, mood=mood, extras={"group": (k % 2 == 0) != base.extras.get("group", False)})
                tags = ("product", base.variant)
            spec = replace(spec, seed=70_000 * (bi + 1) + i, size=size, grain=0.0 if suffix == ".png" else 0.4)
            run.assets.append(PlannedAsset(
                f"{brand.slug}/generated/{i}", f"{brand.slug}-{model}-{seed}-{k + 1}{suffix}", "photo", spec=spec,
                rating=_rating(arng), status=_status(arng, _GENERATED_STATUS),
                tags=(*tags, *_extra_tags(arng, ("variation", "moodboard"), 1)),
            ))  # fmt: skip
            i += 1
        runs.append(run)
    return runs
