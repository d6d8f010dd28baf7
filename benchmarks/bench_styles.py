"""How each way of writing a chronology is read: the same events in two dozen styles, loaded as `--check` loads them.

Run: python benchmarks/bench_styles.py [EVENTS] [STYLE...]   (default 100000, every style)

The fast reader promises the precise reader's answer at yaml-rs speed whatever the style, and
reads precisely only the events that hold a doubt. This shows, for each style, how many events
it read precisely (and whether the whole file had to be), how long the load took, and the
verdict. Styles come from the tools people use: PyYAML's dumper with its options (including
its default, which writes text that is not ASCII as escapes), ruamel.yaml (if installed),
hand-written block and flow styles, CRLF, comments, literal block scalars, anchors and aliases,
a key of the user's own on every event, our own JSON export, CSV, and a file with a syntax
error. Each runs in its own process.
"""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import yaml  # noqa: E402
from synthetic import CATEGORIES, synthetic_events, synthetic_yaml  # noqa: E402


def _data(count: int) -> dict:
    categories = {name: {"label": name.title(), "color": colour} for name, colour in CATEGORIES.items()}
    return {"title": f"Synthetic chronology ({count} events)", "categories": categories,
            "events": synthetic_events(count, 42)}


def _not_ascii(count: int) -> dict:
    """The data with accented words in a fifth of the descriptions, as real chronologies have."""
    data = _data(count)
    rng = random.Random(5)
    for event in data["events"]:
        if rng.random() < 0.2:
            event["description"] += " Café talks in Kraków — Zürich."
    return data


def _pyyaml(data: dict, **options) -> str:
    return yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), **options)


def _ruamel(data: dict, **options) -> str | None:
    try:
        from ruamel.yaml import YAML
    except ImportError:
        return None
    dumper = YAML()
    if options.pop("indented", False):
        dumper.indent(mapping=2, sequence=4, offset=2)
    for name, value in options.items():
        setattr(dumper, name, value)
    buffer = io.StringIO()
    dumper.dump(data, buffer)
    return buffer.getvalue()


def _flow_items(count: int) -> str:
    """Block list of flow mappings: `- {id: e1, title: …}` one event a line."""
    data = _data(count)
    lines = [f"title: {data['title']}", "categories:"]
    lines += [f"  {name}: {{label: {c['label']}, color: '{c['color']}'}}" for name, c in data["categories"].items()]
    lines.append("events:")
    lines += ["  - " + _pyyaml(event, default_flow_style=True, width=1 << 30).strip() for event in data["events"]]
    return "\n".join(lines) + "\n"


def _commented(count: int) -> str:
    out = []
    for line in synthetic_yaml(count, 42, "hand").split("\n"):
        if line.startswith("  - id:"):
            out += ["", "  # the next event"]
        out.append(line + ("   # its lane" if line.startswith("    category:") else ""))
    return "\n".join(out)


def _literal(count: int) -> str:
    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper, value):
        style = "|" if len(value) > 60 else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value.replace(". ", ".\n") if style else value, style=style)

    Dumper.add_representer(str, text)
    return yaml.dump(_data(count), Dumper=Dumper, allow_unicode=True, sort_keys=False)


def _aliases(count: int, every: int) -> str:
    """A named source anchored in the header, aliased by every `every`-th event."""
    text = synthetic_yaml(count, 42, "hand").replace(
        "categories:\n", "x-sources:\n  vice: &vice {title: VICE News report, url: 'https://news.vice.com/x'}\ncategories:\n", 1)
    out, seen = [], 0
    for line in text.split("\n"):
        if line.startswith("    sources: ["):
            seen += 1
            if seen % every == 0:
                line = line.replace("[", "[*vice, ", 1)
        out.append(line)
    return "\n".join(out)


def _json_export(count: int) -> str:
    from timeline_app.files.json_format import to_json
    from timeline_app.files.loader import load_text

    return to_json(load_text(synthetic_yaml(count, 42, "hand"), "x.yaml").chronology)


STYLES = {  # name: (suffix, maker)
    "hand": (".yaml", lambda n: synthetic_yaml(n, 42, "hand")),
    "prose": (".yaml", lambda n: synthetic_yaml(n, 42, "prose")),
    "world": (".yaml", lambda n: synthetic_yaml(n, 42, "world")),
    "safe_dump": (".yaml", lambda n: synthetic_yaml(n, 42, "safe_dump")),
    "pyyaml default (escapes)": (".yaml", lambda n: _pyyaml(_not_ascii(n))),
    "pyyaml width 40": (".yaml", lambda n: _pyyaml(_not_ascii(n), width=40, allow_unicode=True)),
    "pyyaml one-line values": (".yaml", lambda n: _pyyaml(_data(n), width=1 << 30)),
    "pyyaml flow leaves": (".yaml", lambda n: _pyyaml(_data(n), default_flow_style=None)),
    "pyyaml indent 4": (".yaml", lambda n: _pyyaml(_data(n), indent=4)),
    "pyyaml --- ...": (".yaml", lambda n: _pyyaml(_data(n), explicit_start=True, explicit_end=True)),
    "ruamel": (".yaml", lambda n: _ruamel(_not_ascii(n))),
    "ruamel width 40": (".yaml", lambda n: _ruamel(_data(n), width=40)),
    "ruamel indented": (".yaml", lambda n: _ruamel(_data(n), indented=True)),
    "flow items": (".yaml", _flow_items),
    "crlf": (".yaml", lambda n: synthetic_yaml(n, 42, "hand").replace("\n", "\r\n")),
    "comments": (".yaml", _commented),
    "literal blocks": (".yaml", _literal),
    "aliases (1 in 100)": (".yaml", lambda n: _aliases(n, 100)),
    "aliases (every event)": (".yaml", lambda n: _aliases(n, 1)),
    "a key of one's own": (".yaml", lambda n: synthetic_yaml(n, 42, "hand").replace("    category:", "    importance: high\n    category:")),
    "all flow": (".yaml", lambda n: _pyyaml(_data(n), default_flow_style=True)),
    "json export": (".json", _json_export),
    "csv": (".csv", lambda n: synthetic_yaml(n, 42, "csv")),
    "broken": (".yaml", lambda n: synthetic_yaml(n, 42, "broken")),
    "broken_late": (".yaml", lambda n: synthetic_yaml(n, 42, "broken_late")),
}


def measure(path: str) -> dict:
    """Load `path` as `--check` does, counting what was read precisely."""
    import timeline_app.files.csv_events as csv_events
    import timeline_app.files.fast_reader as fast_reader
    import timeline_app.files.loader as loader

    counts = {"pieces": 0, "precise_pieces": 0, "precise_events": 0, "whole_file": 0}
    for stream, chunk in ((fast_reader.EventStream, fast_reader.Chunk), (csv_events.CsvEvents, csv_events.CsvChunk)):
        def counting_chunks(stream, chunks=stream.chunks):
            for piece in chunks(stream):
                counts["pieces"] += 1
                yield piece

        def counting_reread(piece, reread=chunk.read_precise):
            counts["precise_pieces"] += 1
            counts["precise_events"] += piece.last - piece.first
            return reread(piece)

        stream.chunks, chunk.read_precise = counting_chunks, counting_reread

    def whole_file(text, *args, real=loader.read_precise, **kwargs):
        counts["whole_file"] += 1
        return real(text, *args, **kwargs)

    loader.read_precise = whole_file
    started = time.perf_counter()
    result = loader.load_file(path)
    counts["seconds"] = time.perf_counter() - started
    counts["events"] = len(result.chronology.events) if result.chronology else 0
    counts["errors"] = sum(problem.severity == "error" for problem in result.problems)
    counts["warnings"] = len(result.problems) - counts["errors"]
    return counts


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(measure(sys.argv[2])))
        return 0
    count = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 100_000
    names = [name for name in sys.argv[1:] if not name.isdigit()] or list(STYLES)
    unknown = [name for name in names if name not in STYLES]
    if unknown:
        print(f"usage: bench_styles.py [EVENTS] [STYLE...]\nunknown style {unknown[0]!r}; styles: {', '.join(STYLES)}",
              file=sys.stderr)
        return 2
    from sitting import describe

    print(describe())
    folder = Path(tempfile.mkdtemp(prefix="timeline-styles-"))
    print(f"{'style':<26} {'MB':>6} {'events':>8} {'pieces':>7} {'read precisely':>15} {'whole file':>10} {'load s':>7}  verdict")
    for name in names:
        suffix, make = STYLES[name]
        text = make(count)
        if text is None:
            print(f"{name:<26} (skipped: pip install ruamel.yaml)")
            continue
        path = folder / (name.replace(" ", "_").replace("/", "_") + suffix)
        path.write_text(text, encoding="utf-8", newline="")
        output = subprocess.run([sys.executable, __file__, "--one", str(path)], capture_output=True, text=True)
        if output.returncode:
            print(output.stderr)
            return 1
        r = json.loads(output.stdout.strip().splitlines()[-1])
        verdict = f"{r['errors']} error(s)" if r["errors"] else "valid"
        if r.get("warnings"):
            verdict += f", {r['warnings']} warning(s)"
        print(f"{name:<26} {path.stat().st_size / 1e6:>6.1f} {r['events']:>8} {r['pieces']:>7} "
              f"{r['precise_events']:>8} events {'yes' if r['whole_file'] else 'no':>10} {r['seconds']:>7.2f}  {verdict}")
        path.unlink()
    os.rmdir(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
