"""Deterministic synthetic chronologies for benchmarks: bursty, mixed precision, 80% points.

Styles, so no figure comes only from the layout that happens to be fast:
- "hand": as a person writes it, every key on its line, flow lists, a source per event;
- "safe_dump": what `yaml.safe_dump` writes from the same data (keys sorted, list
  items not indented, long descriptions folded over lines, most events without sources);
- "broken": the hand style with a YAML syntax error (an unclosed quote) near the top;
- "broken_late": the same error in the last event, where a person appending to the file makes it;
- "csv": a spreadsheet export (one row per event, as an analyst's data set arrives);
- "prose": the hand style with the punctuation real descriptions have ("Libya & Egypt",
  "why?", "50%", "*urgent*", `quotes`), which the fast reader must not mistake for YAML;
- "json": the hand style's chronology as our own JSON export writes it (reopened as is);
- "world": the hand style as real chronologies are written: the letters they hold (place names
  in Arabic, transliterations with macrons, curly quotes, dashes: text that is not ASCII is held
  two bytes a character and takes other paths than the ASCII the other styles are made of), and
  a year written bare (`start: 2003`: yaml-rs reads a number, and the text is searched for the
  forms it reads otherwise).
"""

from __future__ import annotations

import random

CATEGORIES = {
    "politics": "#1f77b4",
    "conflict": "#d62728",
    "diplomacy": "#2ca02c",
    "economy": "#ff7f0e",
    "society": "#9467bd",
    "media": "#8c564b",
}
WORDS = (
    "militia council ceasefire airport election parliament talks oil port court protest "
    "strike envoy brigade statement convoy bridge minister coalition mandate border"
).split()
MONTHS = "January February March April May June July August September October November December".split()


def _burst_times(rng: random.Random, count: int) -> list[float]:
    """Days since 2000-01-01, clustered around random crises like real conflict data."""
    centres = [rng.uniform(0, 20 * 365) for _ in range(max(3, count // 400))]
    days = []
    for _ in range(count):
        if rng.random() < 0.7:
            days.append(min(20 * 365 - 1, max(0.0, rng.gauss(rng.choice(centres), 20))))
        else:
            days.append(rng.uniform(0, 20 * 365 - 1))
    return days


def _date_text(rng: random.Random, day: float) -> tuple[str, tuple[int, int, int]]:
    year = 2000 + int(day // 365)
    doy = int(day % 365)
    month = min(12, doy // 31 + 1)
    dom = min(28, doy % 31 + 1)
    roll = rng.random()
    if roll < 0.05:
        return f"{year}", (year, 12, 28)
    if roll < 0.15:
        return f"{MONTHS[month - 1]} {year}", (year, month, 28)
    if roll < 0.25:
        return f"{year}-{month:02d}-{dom:02d} {rng.randrange(24):02d}:{rng.randrange(60):02d}", (year, month, dom)
    return f"{year}-{month:02d}-{dom:02d}", (year, month, dom)


STYLES = ("hand", "safe_dump", "broken", "broken_late", "csv", "prose", "json", "world")
PUNCTUATION = ("&", "why?", "50%", "*urgent*", "@envoy", "`quoted`", "Q&A", "!", "(see report)", "- and")
WORLD_WORDS = ("Miṣrātah", "Zāwiya", "Qaddāfī", "Ghadāmis", "طرابلس", "بنغازي", "الزنتان", "“unity”", "–", "café",
               "Sebhā", "‘Operation Dawn’", "Ḥaftar", "…")


def suffix(style: str) -> str:
    return {"csv": ".csv", "json": ".json"}.get(style, ".yaml")


def synthetic_yaml(count: int, seed: int = 1, style: str = "hand") -> str:
    """Return the text of a chronology with `count` events in `style` (see STYLES): events.yaml, or CSV."""
    if style == "csv":
        return _csv(count, seed)
    if style == "safe_dump":
        return _safe_dumped(count, seed)
    if style == "json":
        from timeline_app.files.json_format import to_json
        from timeline_app.files.loader import load_text

        return to_json(load_text(_hand_written(count, seed), "synthetic.yaml").chronology)
    text = _hand_written(count, seed, prose=style == "prose", world=style == "world")
    if style == "broken":
        head, _, tail = text.partition("    title: ")
        text = head + '    title: "an unclosed quote\n    title: ' + tail
    elif style == "broken_late":
        head, _, tail = text.rpartition("    title: ")
        text = head + '    title: "an unclosed quote\n    title: ' + tail
    return text


def synthetic_events(count: int, seed: int = 1) -> list[dict]:
    """The events as plain data, for formats other than hand-written YAML."""
    rng = random.Random(seed)
    events = []
    for i, day in enumerate(sorted(_burst_times(rng, count))):
        start, (y, m, d) = _date_text(rng, day)
        event = {"id": f"e{i}", "title": f"{' '.join(rng.choice(WORDS) for _ in range(rng.randint(2, 6))).capitalize()} {i}",
                 "start": start, "category": rng.choice(list(CATEGORIES))}
        if rng.random() < 0.2 and len(start) >= 10:
            event["end"] = f"{y + (1 if m == 12 else 0)}-{min(12, m + rng.randint(0, 1)):02d}-{min(28, d + rng.randint(1, 20)):02d}"
        event["tags"] = [rng.choice(WORDS), rng.choice(WORDS)]
        length = rng.randint(3, 85) if rng.random() < 0.25 else rng.randint(3, 14)
        event["description"] = " ".join(rng.choice(WORDS) for _ in range(length)) + "."
        if rng.random() < 0.1:
            event["sources"] = [f"https://example.org/report/{i}"]
        events.append(event)
    return events


def _csv(count: int, seed: int) -> str:
    import csv
    import io

    buffer = io.StringIO()
    columns = ["id", "title", "start", "end", "category", "tags", "description", "location", "sources"]
    writer = csv.DictWriter(buffer, columns, lineterminator="\r\n")
    writer.writeheader()
    places = ["Tripoli", "Benghazi", "Misrata", "Sirte", "Sabha", "Zawiya", ""]
    rng = random.Random(seed + 1)
    for event in synthetic_events(count, seed):
        writer.writerow({**event, "tags": "; ".join(event["tags"]), "sources": " ".join(event.get("sources", ())),
                         "location": rng.choice(places)})
    return buffer.getvalue()


def _safe_dumped(count: int, seed: int) -> str:
    import yaml

    categories = {cat: {"label": cat.title(), "color": colour} for cat, colour in CATEGORIES.items()}
    data = {"title": f"Synthetic chronology ({count} events)", "categories": categories,
            "events": synthetic_events(count, seed)}
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=True)


def _hand_written(count: int, seed: int, prose: bool = False, world: bool = False) -> str:
    rng = random.Random(seed)
    out = [
        f"title: Synthetic chronology ({count} events)",
        "categories:",
    ]
    for cat, colour in CATEGORIES.items():
        out.append(f"  {cat}: {{label: {cat.title()}, color: '{colour}'}}")
    out.append("events:")
    for i, day in enumerate(sorted(_burst_times(rng, count))):
        start, (y, m, d) = _date_text(rng, day)
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6))).capitalize()
        if world and rng.random() < 0.5:
            words = f"{words} {rng.choice(WORLD_WORDS)}"  # (after capitalize(), which lowercases Ḥaftar)
        out.append(f"  - id: e{i}")
        out.append(f"    title: {words} {i}")
        out.append(f"    start: {start}" if world and start.isdigit() else f'    start: "{start}"')
        if rng.random() < 0.2 and len(start) >= 10:
            end_year = y + (1 if m == 12 and rng.random() < 0.5 else 0)
            end_month = min(12, m + rng.randint(0, 1))
            out.append(f'    end: "{end_year}-{end_month:02d}-{min(28, d + rng.randint(1, 20)):02d}"')
        out.append(f"    category: {rng.choice(list(CATEGORIES))}")
        out.append(f"    tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]")
        length = rng.randint(3, 85) if rng.random() < 0.25 else rng.randint(3, 14)
        desc = " ".join(rng.choice(WORDS) for _ in range(length))
        if prose:
            desc = " ".join(word if rng.random() > 0.1 else f"{word} {rng.choice(PUNCTUATION)}" for word in desc.split())
        if world:
            desc = " ".join(word if rng.random() > 0.15 else f"{word} {rng.choice(WORLD_WORDS)}" for word in desc.split())
        out.append(f"    description: {desc}.")
        out.append(f"    sources: ['https://example.org/report/{i}']")
    return "\n".join(out) + "\n"
