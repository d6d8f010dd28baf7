"""Seeded generator of chronology YAML files in many styles, with optional mutations (for tests and benchmarks).

    from chronology_files import generate
    text, meta = generate(seed)                     # style, size and mutations chosen by the seed
    text, meta = generate(seed, size=2000, mutations=["dup_id_across_chunks"], style="safe_dump")

`meta` says what was chosen (style, event count, mutations and the events they touched),
so a failing seed can be named and reproduced. No timeline_app import: pure text.

Styles: safe_dump (width 80 and width 1e9; `events:` items at column 0 as safe_dump
writes them; shared source lists become &id001/*id001), block (items at indent 0/2/4,
2 or 4 spaces after the dash, nested indent 2/4, quoted or plain dates, folded/literal
block scalars, comments and blank lines anywhere, &anchor/*alias on source lists), flow
(`- {title: x, start: 2014}`), mixed. Any file may get CRLF line ends and/or a BOM.
"""

from __future__ import annotations

import copy
import json
import random
import re
from dataclasses import dataclass, field

import yaml

WORDS = (
    "militia council ceasefire airport election parliament talks oil port court protest strike envoy "
    "brigade statement convoy bridge minister coalition mandate border harbour treaty summit river"
).split()
UNICODE_WORDS = ["café", "Zürich", "Ελλάδα", "中文", "naïve", "Kraków", "Tōkyō", "emoji🙂"]
MONTHS = "January February March April May June July August September October November December".split()
COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#FF7F0E", "#9467bd"]
CTRL = {
    "DEL": "\x7f", "ESC": "\x1b", "FF": "\x0c", "NEL": "\x85", "CSI": "\x9b", "C1_80": "\x80",
    "LS": "\u2028", "PS": "\u2029", "FFFE": "\ufffe", "VT": "\x0b", "BEL": "\x07",
}

PLAIN_OK = re.compile(r"^[A-Za-z\u00c0-\uffff][A-Za-z0-9\u00c0-\uffff ,.()/'-]*[A-Za-z0-9.)\u00c0-\uffff]$")


# --- data ---------------------------------------------------------------------------


def _words(rng, lo, hi):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi)))


def _date(rng, order):
    y, m, d = rng.randint(1800, 2030), rng.randint(1, 12), rng.randint(1, 28)
    roll = rng.random()
    if order and roll < 0.3:
        parts = {"DMY": (d, m, y), "MDY": (m, d, y), "YMD": (y, m, d)}[order]
        sep = rng.choice("/.")
        text = sep.join(f"{p:02d}" if p < 100 else str(p) for p in parts)
    elif roll < 0.40:
        text = f"{y}"
    elif roll < 0.50:
        text = f"{y}-{m:02d}"
    elif roll < 0.75:
        text = f"{y}-{m:02d}-{d:02d}"
    elif roll < 0.82:
        text = f"{y}-{m:02d}-{d:02d} {rng.randrange(24):02d}:{rng.randrange(60):02d}"
    elif roll < 0.90:
        text = f"{MONTHS[m - 1]} {y}"
    elif roll < 0.97:
        text = f"{d} {MONTHS[m - 1]} {y}"
    else:
        text = f"{rng.randint(1, 3000)} BC"
        y = -5000
    return text, y


def _source(rng, named):
    roll = rng.random()
    if named and roll < 0.2:
        return rng.choice(named)
    url = f"https://example.org/{rng.choice(WORDS)}/{rng.randint(1, 99999)}"
    if roll < 0.75:
        return url
    src = {"url": url}
    if rng.random() < 0.7:
        src["title"] = _words(rng, 2, 5).capitalize()
    if rng.random() < 0.4:
        src["publisher"] = rng.choice(["Reuters", "AFP", "BBC News", "Le Monde"])
    if rng.random() < 0.3:
        src["date"] = f"{rng.randint(1990, 2024)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
    return src


def make_data(rng, count, opts):
    """The chronology as plain Python data (every scalar a str)."""
    order = rng.choice([None, None, None, "DMY", "MDY", "YMD"])
    data = {"title": f"Chronology of the {_words(rng, 1, 3)}"}
    if rng.random() < 0.5:
        data["description"] = _words(rng, 3, 40).capitalize() + "."
    if order:
        data["date_order"] = order
    named = []
    if rng.random() < 0.3:
        data["sources"] = {}
        for i in range(rng.randint(1, 3)):
            name = f"{rng.choice(WORDS)}{i}"
            named.append(name)
            url = f"https://example.com/{name}"
            data["sources"][name] = url if rng.random() < 0.5 else {"url": url, "title": _words(rng, 2, 4)}
    explicit = rng.random() < 0.5
    cats = [f"{w}{i}" for i, w in enumerate(rng.sample(WORDS, rng.randint(2, 5)))]
    if explicit:
        data["categories"] = {}
        for c in cats:
            r = rng.random()
            data["categories"][c] = (
                {"label": c.title(), "color": rng.choice(COLORS)} if r < 0.5 else c.title() if r < 0.8 else {"label": c.upper()}
            )
    if rng.random() < 0.3:
        data["eras"] = []
        for _ in range(rng.randint(1, 3)):
            y = rng.randint(1800, 2000)
            era = {"title": _words(rng, 1, 3).title(), "start": str(y), "end": str(y + rng.randint(1, 30))}
            if rng.random() < 0.5:
                era["color"] = rng.choice(COLORS)
            data["eras"].append(era)
    sources_rate = opts.get("sources_rate", rng.choice([0.0, 0.6, 0.97, 1.0, 1.0]))
    shared = None
    events = []
    for i in range(count):
        ev = {}
        title = _words(rng, 1, 5).capitalize() + f" {i}"
        if rng.random() < 0.05:
            title = rng.choice(UNICODE_WORDS) + " " + title
        ev["title"] = title
        start, y = _date(rng, order)
        ev["start"] = start
        if rng.random() < 0.2 and y > 0:
            ev["end"] = str(y + rng.randint(1, 5)) if rng.random() < 0.5 else f"{y + rng.randint(1, 5)}-0{rng.randint(1, 9)}-15"
        if rng.random() < 0.5:
            ev["id"] = f"e{i}" if rng.random() < 0.8 else f"ev-{rng.choice(WORDS)}-{i}"
        if rng.random() < 0.7:
            ev["category"] = rng.choice(cats) if explicit or rng.random() < 0.8 else rng.choice(WORDS)
        if rng.random() < 0.5:
            ev["tags"] = [rng.choice(WORDS) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.6:
            long = rng.random() < 0.3
            ev["description"] = _words(rng, 20, 70) if long else _words(rng, 1, 12)
            ev["description"] = ev["description"].capitalize() + "."
        if rng.random() < 0.3:
            ev["location"] = rng.choice(["Tripoli", "Benghazi", "Misrata", "Sirte, Libya", "Kraków"])
        if rng.random() < sources_rate:
            if shared is not None and rng.random() < 0.1:
                ev["sources"] = shared  # the same list object: safe_dump writes &id001 / *id001
            else:
                ev["sources"] = [_source(rng, named) for _ in range(rng.randint(1, 3))]
                if rng.random() < 0.05:
                    shared = ev["sources"]
        if rng.random() < 0.1:
            ev.update(_media(rng))
        events.append(ev)
    data["events"] = events
    return data


def _media(rng) -> dict:
    """A picture as a link or a path, alone or with caption and credit; now and then a display date."""
    url = rng.choice(["https://example.org/photo.jpg", "images/tripoli.png", "https://upload.example.org/a%20b.jpg"])
    extra = {}
    if rng.random() < 0.3:
        extra["display_date"] = "mid-" + rng.choice(["May", "June", "July"]) + " 2014"
    if rng.random() < 0.5:
        return {"media": url, **extra}
    return {"media": {"url": url, "caption": _words(rng, 2, 6), "credit": rng.choice(WORDS).capitalize()}, **extra}


# --- rendering ------------------------------------------------------------------------


@dataclass
class Doc:
    """A file as lines: header lines, the `events:` line, one line list per event, trailer."""

    pre: list
    events_line: str
    events: list  # list[list[str]]
    post: list
    kinds: list  # "block" | "flow" per event
    item_indent: int
    key_col: int
    nest: int
    style: str
    crlf: bool = False
    bom: bool = False
    notes: list = field(default_factory=list)

    def text(self) -> str:
        lines = list(self.pre) + [self.events_line]
        for block in self.events:
            lines.extend(block)
        lines.extend(self.post)
        text = "\n".join(lines) + "\n"
        if self.crlf:
            text = text.replace("\n", "\r\n")
        if self.bom:
            text = "\ufeff" + text
        return text


def _dq(s):
    return json.dumps(s, ensure_ascii=False)


def _sq(s):
    return "'" + s.replace("'", "''") + "'"


def _scalar(rng, s, quote_bias=0.2, flow=False):
    plain = PLAIN_OK.match(s) and not (flow and ("," in s))
    if plain and s.lower() not in ("true", "false", "null", "yes", "no", "on", "off") and rng.random() > quote_bias:
        return s
    return _sq(s) if rng.random() < 0.5 else _dq(s)


def _date_scalar(rng, s, quoted_rate):
    if rng.random() < quoted_rate:
        return _sq(s) if rng.random() < 0.5 else _dq(s)
    return s


def _url_scalar(rng, s, flow=False):
    return s if rng.random() < 0.7 else _sq(s)


def _flow_value(rng, v, ctx):
    if isinstance(v, list):
        return "[" + ", ".join(_flow_value(rng, x, ctx) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {_flow_value(rng, x, ctx)}" for k, x in v.items()) + "}"
    if v.startswith("http"):
        return _url_scalar(rng, v, flow=True)
    return _scalar(rng, v, flow=True)


def _block_kv(rng, key, v, col, nest, ctx) -> list:
    """`key: value` at column `col` as lines, in a style chosen by rng."""
    pad = " " * col
    if isinstance(v, str):
        if key in ("start", "end"):
            return [f"{pad}{key}: {_date_scalar(rng, v, ctx['date_quoted'])}"]
        if key == "description" and len(v) > 60 and rng.random() < ctx["block_scalar_rate"]:
            ind = rng.choice(["|", ">", "|-", ">-", "|+", ">+"]) if rng.random() < 0.3 else rng.choice("|>")
            width = rng.randint(30, 70)
            out, line = [f"{pad}{key}: {ind}"], ""
            for w in v.split():
                if line and len(line) + 1 + len(w) > width:
                    out.append(" " * (col + nest) + line)
                    line = w
                else:
                    line = f"{line} {w}" if line else w
            out.append(" " * (col + nest) + line)
            return out
        if key == "description" and len(v) > 60 and rng.random() < 0.2:
            # a multi-line plain scalar, as a hand editor wraps it
            words, out, line = v.split(), [], f"{pad}{key}:"
            for w in words:
                if len(line) > 70:
                    out.append(line)
                    line = " " * (col + nest) + w
                else:
                    line += " " + w
            return out + [line]
        if v.startswith("http"):
            return [f"{pad}{key}: {_url_scalar(rng, v)}"]
        return [f"{pad}{key}: {_scalar(rng, v, ctx['quote_bias'])}"]
    if isinstance(v, list):
        if ctx["anchor"] and key == "sources" and rng.random() < 0.1 and not ctx.get("anchor_pending"):
            name = f"src{ctx['anchor_n']}"
            ctx["anchor_n"] += 1
            ctx["anchor_pending"] = name
            head = f"{pad}{key}: &{name}"
        elif ctx.get("anchor_pending") and key == "sources" and rng.random() < 0.4:
            name = ctx.pop("anchor_pending")
            return [f"{pad}{key}: *{name}"]
        else:
            head = f"{pad}{key}:"
        if rng.random() < ctx["flow_lists"]:
            return [f"{head} {_flow_value(rng, v, ctx)}"]
        out = [head]
        item_col = col + (0 if rng.random() < ctx["indentless"] else nest)
        for item in v:
            if isinstance(item, dict):
                keys = list(item)
                first = True
                for k in keys:
                    sub = _block_kv(rng, k, item[k], item_col + 2, nest, ctx)
                    if first:
                        sub[0] = " " * item_col + "- " + sub[0].lstrip(" ")
                        first = False
                    out.extend(sub)
            else:
                val = _url_scalar(rng, item) if item.startswith("http") else _scalar(rng, item, ctx["quote_bias"])
                out.append(" " * item_col + "- " + val)
        return out
    if isinstance(v, dict):
        out = [f"{pad}{key}:"]
        for k, x in v.items():
            out.extend(_block_kv(rng, k, x, col + nest, nest, ctx))
        return out
    raise TypeError(v)


def _render_hand(rng, data, style):
    ii = rng.choice([0, 2, 2, 4])
    gap = rng.choice([1, 1, 1, 3])
    nest = rng.choice([2, 2, 4])
    key_col = ii + 1 + gap
    ctx = {
        "date_quoted": rng.choice([0.0, 0.5, 1.0]),
        "quote_bias": rng.choice([0.0, 0.1, 0.5]),
        "block_scalar_rate": rng.choice([0.0, 0.5, 1.0]),
        "flow_lists": rng.choice([0.0, 0.5, 1.0]),
        "indentless": rng.choice([0.0, 0.5]),
        "anchor": rng.random() < 0.3,
        "anchor_n": 0,
    }
    pre = []
    if rng.random() < 0.1:
        pre.append("---")
    if rng.random() < 0.3:
        pre.append("# " + _words(rng, 2, 6))
    for key, v in data.items():
        if key == "events":
            continue
        if key in ("title", "description", "date_order"):
            pre.extend(_block_kv(rng, key, v, 0, nest, ctx))
        elif key == "categories":
            if rng.random() < 0.3:
                pre.append("categories: {" + ", ".join(f"{k}: {_flow_value(rng, x, ctx)}" for k, x in v.items()) + "}")
            else:
                pre.append("categories:")
                for k, x in v.items():
                    if isinstance(x, dict) and rng.random() < 0.5:
                        pre.append(" " * nest + f"{k}: {_flow_value(rng, x, ctx)}")
                    else:
                        pre.extend(_block_kv(rng, k, x, nest, nest, ctx))
        elif key == "sources":
            pre.append("sources:")
            for k, x in v.items():
                pre.extend(_block_kv(rng, k, x, nest, nest, ctx))
        elif key == "eras":
            pre.append("eras:")
            for era in v:
                pre.append(" " * nest + "- " + _flow_value(rng, era, ctx))
        if rng.random() < 0.2:
            pre.append("")
    events_line = "events:" + (rng.choice(["", " ", "  # the list", " #"]) if rng.random() < 0.3 else "")
    flow_rate = 1.0 if style == "flow" else (0.3 if style == "mixed" else 0.0)
    blocks, kinds = [], []
    for ev in data["events"]:
        keys = list(ev)
        if rng.random() < 0.5:
            rest = keys[1:]
            rng.shuffle(rest)
            keys = [keys[0]] + rest
        if rng.random() < 0.1:
            rng.shuffle(keys)
        if rng.random() < flow_rate:
            body = ", ".join(f"{k}: {_flow_value(rng, ev[k], ctx)}" for k in keys)
            blocks.append([" " * ii + "- {" + body + "}"])
            kinds.append("flow")
            continue
        lines = []
        for k in keys:
            lines.extend(_block_kv(rng, k, ev[k], key_col, nest, ctx))
        lines[0] = " " * ii + "-" + " " * gap + lines[0][key_col:]
        blocks.append(lines)
        kinds.append("block")
    return Doc(pre, events_line, blocks, [], kinds, ii, key_col, nest, style)


def _render_safe_dump(rng, data, style):
    width = 80 if style == "safe_dump" else 10**9
    text = yaml.safe_dump(data, allow_unicode=rng.random() < 0.7, sort_keys=rng.random() < 0.7, width=width)
    lines = text.rstrip("\n").split("\n")
    at = lines.index("events:")
    pre, blocks, post = lines[:at], [], []
    i = at + 1
    while i < len(lines):
        line = lines[i]
        if line.startswith("- ") or line == "-":
            blocks.append([line])
        elif line.startswith(" ") and blocks:
            blocks[-1].append(line)
        else:
            post = lines[i:]
            break
        i += 1
    return Doc(pre, "events:", blocks, post, ["block"] * len(blocks), 0, 2, 2, style)


STYLES = ("safe_dump", "safe_dump_wide", "block", "block", "flow", "mixed")


def render(rng, data, style):
    if style.startswith("safe_dump"):
        return _render_safe_dump(rng, data, style)
    return _render_hand(rng, data, style)


# --- comments, blank lines ------------------------------------------------------------

_KEY_START = re.compile(r"^( *)(- +)?([A-Za-z_][A-Za-z0-9_]*|'[^']*'|\"[^\"]*\"):( |$)")


def _safe_points(block):
    """Indexes i where a full-line comment may go before block[i] (a key or item starts there)."""
    return [i for i in range(1, len(block)) if _KEY_START.match(block[i]) or block[i].lstrip().startswith("- ")]


def sprinkle(rng, doc: Doc, rate: float):
    """Comments and blank lines between events, between keys, and after values."""
    for n, block in enumerate(doc.events):
        if rng.random() < rate:
            comment_col = rng.choice([0, doc.item_indent, doc.key_col, doc.key_col + 2])
            extra = rng.choice(["", "  ", " " * comment_col + "# " + _words(rng, 1, 4), "#", " " * comment_col + "#- not an item"])
            block.append(extra)
        if doc.kinds[n] == "block" and rng.random() < rate:
            points = _safe_points(block)
            if points:
                at = rng.choice(points)
                col = rng.choice([0, doc.key_col, doc.item_indent, doc.key_col + 3])
                block.insert(at, rng.choice([" " * col + "# " + _words(rng, 1, 3), ""]))
        if rng.random() < rate:
            i = rng.randrange(len(block))
            line = block[i]
            # a trailing comment after a single-line value (never after a block-scalar body line)
            if _KEY_START.match(line) and not line.rstrip().endswith((":", "|", ">", "-", "+")) and "#" not in line:
                if i + 1 >= len(block) or not block[i + 1].startswith(" " * (doc.key_col + 1)):
                    block[i] = line + rng.choice(["  # note", " # " + _words(rng, 1, 2)])
    if rng.random() < rate:
        doc.pre.insert(rng.randint(0, len(doc.pre)), rng.choice(["", "# header comment", "   "]))


# --- mutations ------------------------------------------------------------------------

_FLOW_VAL = r"(?:'(?:[^']|'')*'|\"(?:[^\"\\]|\\.)*\"|\[[^\]]*\]|\{[^}]*\}|[^,}\n]*)"


def _key_line(doc, n, key):
    """(index, column) of `key:` as a key of block event n, or None."""
    for i, line in enumerate(doc.events[n]):
        m = _KEY_START.match(line)
        if m and m.group(3) == key:
            col = len(m.group(1)) + len(m.group(2) or "")
            if col == doc.key_col:
                return i, col
    return None


def _value_span(doc, n, i, col):
    """Lines i+1.. that continue the value of the key on line i (more indented, or blank)."""
    block, j = doc.events[n], i + 1
    while j < len(block) and (not block[j].strip() or len(block[j]) - len(block[j].lstrip(" ")) > col):
        j += 1
    while j > i + 1 and not block[j - 1].strip():
        j -= 1
    return j


def set_value(doc, n, key, raw):
    """Event n's `key` written as `raw` (exact text); added when absent."""
    block = doc.events[n]
    if doc.kinds[n] == "flow":
        line = block[0]
        pat = re.compile(r"([{,] *)" + re.escape(key) + r": " + _FLOW_VAL)
        if pat.search(line):
            block[0] = pat.sub(lambda m: m.group(1) + f"{key}: {raw}", line, count=1)
        else:
            block[0] = line.replace("{", "{" + f"{key}: {raw}, ", 1)
        return
    found = _key_line(doc, n, key)
    if found is None:
        block.insert(1 if len(block) > 1 else 1, " " * doc.key_col + f"{key}: {raw}")
        return
    i, col = found
    end = _value_span(doc, n, i, col)
    prefix = block[i][: col]
    block[i : end] = [f"{prefix}{key}: {raw}" if not raw.startswith("\n") else f"{prefix}{key}:" + raw]


def add_line(doc, n, raw_line):
    """A raw `key: value` line appended to event n (flow: inside the braces)."""
    if doc.kinds[n] == "flow":
        doc.events[n][0] = doc.events[n][0].rstrip()[:-1] + ", " + raw_line + "}"
    else:
        doc.events[n].append(" " * doc.key_col + raw_line)


def _to_block(doc, n, rng):
    """Event n rewritten in block style (for mutations that need lines)."""
    if doc.kinds[n] == "block":
        return
    line = doc.events[n][0]
    body = line.strip()[3:-1]
    try:
        data = yaml.load("{" + body + "}", Loader=yaml.BaseLoader)
        assert isinstance(data, dict) and data
    except Exception:  # an event already mutated past parsing: a fresh block event instead
        data = {"title": f"Replacement {n}", "start": "2014", "sources": ["https://example.org/r"]}
    lines = []
    for k, v in data.items():
        if isinstance(v, list):
            lines.append(" " * doc.key_col + f"{k}: " + json.dumps(v, ensure_ascii=False))
        else:
            lines.append(" " * doc.key_col + f"{k}: " + _dq(str(v)))
    lines[0] = " " * doc.item_indent + "-" + " " * (doc.key_col - doc.item_indent - 1) + lines[0][doc.key_col:]
    doc.events[n] = lines
    doc.kinds[n] = "block"


def _pick(rng, doc, where=None):
    count = len(doc.events)
    if where == "late" and count > 1000:
        return rng.randrange(1000, count)
    if where == "early":
        return rng.randrange(0, min(count, 1000))
    return rng.randrange(count)


def _year(rng):
    return rng.randint(1900, 2030)


def m_int_form(rng, doc, key="start"):
    y = _year(rng)
    form = rng.choice(["hex", "oct", "us", "us2", "neghex", "bin", "plus", "lead0", "us_end", "plushex"])
    raw = {
        "hex": f"0x{y:X}", "oct": f"0o{y:o}", "us": f"{str(y)[:1]}_{str(y)[1:]}", "us2": f"{y}1_0",
        "neghex": f"-0x{y:X}", "bin": f"0b{y:b}", "plus": f"+{y}", "lead0": f"0{y}", "us_end": f"{y}_",
        "plushex": f"+0x{y:X}",
    }[form]
    n = _pick(rng, doc)
    set_value(doc, n, key, raw)
    return f"{key}={raw}@{n}"


def m_padded_elsewhere(rng, doc):
    """A padded number (`01917`, `+2015`, `-0`, `_1914`: a number to yaml-rs, text to the precise
    reader) in a field that must hold text, perhaps beside a year written bare in another event."""
    y = _year(rng)
    raw = rng.choice([f"0{y}", f"+{y}", "-0", f"_{y}", f"-_{y}", f"0{y} # note"])
    key = rng.choice(["title", "id", "location", "category", "description", "display_date", "tags", "sources"])
    n = _pick(rng, doc)
    set_value(doc, n, key, f"[a, {raw.split(' #')[0]}]" if key in ("tags", "sources") else raw)
    if rng.random() < 0.5:
        set_value(doc, _pick(rng, doc), "start", str(y))
    return f"{key}={raw}@{n}"


def m_int_form_end(rng, doc):
    n = _pick(rng, doc)
    raw = f"0x{rng.randint(2031, 2100):X}"
    set_value(doc, n, "end", raw)
    return f"end={raw}@{n}"


def m_ctrl(rng, doc):
    name = rng.choice(list(CTRL))
    ch = CTRL[name]
    n = _pick(rng, doc)
    where = rng.choice(["plain", "dq", "sq", "comment", "block", "dq_escape"])
    if where == "plain":
        set_value(doc, n, "title", f"Word{ch}word {n}")
    elif where == "dq":
        set_value(doc, n, "title", f'"Word{ch}word {n}"')
    elif where == "dq_escape":
        set_value(doc, n, "title", '"Word\\' + rng.choice(["N", "L", "P", "e", "x7f", "u2028", "_"]) + f'word {n}"')
    elif where == "sq":
        set_value(doc, n, "location", f"'Place{ch}name'")
    elif where == "comment":
        doc.events[n].append(" " * doc.key_col + f"# a note{ch}with a control char")
    else:
        _to_block(doc, n, rng)
        set_value(doc, n, "description", "|\n" + " " * (doc.key_col + 2) + f"line one{ch}x\n" + " " * (doc.key_col + 2) + "line two")
    return f"ctrl {name} {where}@{n}"


def m_ctrl_early_then_problem(rng, doc):
    """A line-break-like char (NEL/LS/PS) early on, a real problem much later."""
    ch = rng.choice(["\x85", "\u2028", "\u2029"])
    n = _pick(rng, doc, "early")
    where = rng.choice(["dq", "comment", "block"])
    if where == "dq":
        set_value(doc, n, "location", f'"a{ch}b"')
    elif where == "comment":
        doc.events[n].append(" " * doc.key_col + f"# note{ch}more")
    else:
        _to_block(doc, n, rng)
        set_value(doc, n, "description", "|\n" + " " * (doc.key_col + 2) + f"one{ch}two")
    k = _pick(rng, doc, "late")
    set_value(doc, k, "start", "31 June 2014")
    return f"linebreak {ord(ch):x} {where}@{n}, bad date@{k}"


def m_empty(rng, doc):
    key = rng.choice(["end", "tags", "id", "category", "description", "location", "start", "sources", "title", "media",
                      "display_date"])
    raw = rng.choice(["", "~", "null", "Null", "NULL", "''", '""', "[]", "{}"])
    n = _pick(rng, doc)
    set_value(doc, n, key, raw)
    return f"{key}:{raw!r}@{n}"


def m_media(rng, doc):
    """A media link no reader may accept, or a misspelt media key."""
    raw = rng.choice(["'javascript:alert(1)'", "//cdn.example.org/x.png", "data:image/png;base64,AAAA", "{url: ''}",
                      "{url: a.png, captoin: x}", "''", "{caption: only}", "[a.png]", "'file:///etc/passwd'"])
    n = _pick(rng, doc)
    set_value(doc, n, rng.choice(["media", "background"]) if raw.startswith("'j") else "media", raw)
    return f"media:{raw!r}@{n}"


def m_header_null(rng, doc):
    key = rng.choice(["title", "description", "date_order", "eras", "categories", "sources", "events_cat_label", "cat_color", "era_color"])
    raw = rng.choice(["", "~", "null", "Null", "NULL"])
    if key == "events_cat_label":
        doc.pre[:] = [l for l in doc.pre if not l.startswith("categories")] + ["categories:", f"  word: {{label: {raw}}}"]
    elif key == "cat_color":
        doc.pre[:] = [l for l in doc.pre if not l.startswith("categories")] + ["categories:", f"  word: {{label: W, color: {raw}}}"]
    elif key == "era_color":
        doc.pre.append(f"eras: [{{title: E, start: 1990, end: 1995, color: {raw}}}]")
    else:
        doc.pre[:] = [l for l in doc.pre if not l.startswith(key + ":")]
        if key in ("eras", "categories", "sources"):
            _drop_header_block(doc, key)
        doc.pre.append(f"{key}: {raw}".rstrip())
    return f"header {key}={raw!r}"


def _drop_header_block(doc, key):
    out, skip = [], False
    for line in doc.pre:
        if line.startswith(key + ":"):
            skip = True
            continue
        if skip and (line.startswith(" ") or not line.strip()):
            continue
        skip = False
        out.append(line)
    doc.pre[:] = out


def m_header_keys(rng, doc):
    key = rng.choice(["true", "1.50", "~", "0x10", "null", "? [a, b]\n ", "1", "'1'", "yes", "no", "1e3", "''"])
    what = rng.choice(["categories", "sources"])
    _drop_header_block(doc, what)
    if what == "categories":
        doc.pre.extend(["categories:", f"  {key}: {{label: K}}", "  other: {label: O}"])
        if rng.random() < 0.5:
            doc.pre.append("  '1': {label: one}")
    else:
        doc.pre.extend(["sources:", f"  {key}: {{url: 'https://example.net/x', title: T}}"])
    return f"header {what} key {key!r}"


def m_header_int_date(rng, doc):
    raw = rng.choice(["0x7C6", "1_990", "0o3706", "-0x7C6", "19901_0"])
    doc.pre[:] = [l for l in doc.pre if not l.startswith("eras")]
    _drop_header_block(doc, "eras")
    doc.pre.append(f"eras: [{{title: E, start: {raw}, end: 2010}}]")
    return f"era start {raw}"


def m_dup_key(rng, doc):
    n = _pick(rng, doc)
    kind = rng.choice(["same", "1", "true", "null", "1.0", "title_quoted"])
    pair = {
        "same": ("title: Again", "title: Again2"),
        "1": ("1: one", "'1': uno"),
        "true": ("true: x", "'true': y"),
        "null": ("null: x", "'null': y"),
        "1.0": ("1.0: x", "'1.0': y"),
        "title_quoted": ("'description': x", "description: y"),
    }[kind]
    if kind == "same":
        add_line(doc, n, pair[0])
    else:
        add_line(doc, n, pair[0])
        add_line(doc, n, pair[1])
    return f"dup key {kind}@{n}"


def m_broken_quote(rng, doc):
    n = _pick(rng, doc)
    raw = rng.choice(['"unterminated', "'it's'", '"a"b"', "'a' b", '"bad \\q escape"'])
    set_value(doc, n, "title", raw)
    return f"broken quote {raw}@{n}"


def m_tab(rng, doc):
    n = _pick(rng, doc)
    _to_block(doc, n, rng)
    block = doc.events[n]
    kind = rng.choice(["indent", "after_colon", "block_content", "block_indent", "before_comment", "flow",
                       "block_first_tab", "ws_tab_line"])
    if kind == "indent" and len(block) > 1:
        i = rng.randrange(1, len(block))
        block[i] = "\t" + block[i].lstrip(" ") if rng.random() < 0.5 else block[i][:2] + "\t" + block[i][2:].lstrip(" ")
    elif kind == "after_colon":
        set_value(doc, n, "location", "\tTripoli")
    elif kind == "block_content":
        set_value(doc, n, "description", "|\n" + " " * (doc.key_col + 2) + "a\tb\n" + " " * (doc.key_col + 2) + "\tc")
    elif kind == "block_indent":
        set_value(doc, n, "description", ">\n" + " " * (doc.key_col + 2) + "a\n\t" + "b")
    elif kind == "before_comment":
        set_value(doc, n, "location", "Tripoli\t# c")
    elif kind == "block_first_tab":
        set_value(doc, n, "description", rng.choice("|>") + "\n" + " " * (doc.key_col + 2) + "\tstarts with a tab\n" + " " * (doc.key_col + 2) + "then text")
    elif kind == "ws_tab_line":
        set_value(doc, n, "location", "Tripoli")
        i, _ = _key_line(doc, n, "location")
        block.insert(i + 1, " " * rng.randint(0, doc.key_col) + "\t")
    else:
        add_line(doc, n, "tags: [a,\tb]")
    return f"tab {kind}@{n}"


def m_odd_indent(rng, doc):
    n = _pick(rng, doc)
    _to_block(doc, n, rng)
    block = doc.events[n]
    if len(block) < 2:
        block.append(" " * doc.key_col + "location: X")
    i = rng.randrange(1, len(block))
    delta = rng.choice([-1, 1, 2])
    block[i] = (" " * delta + block[i]) if delta > 0 else block[i][1:]
    return f"odd indent {delta}@{n}:{i}"


def m_events_comment(rng, doc):
    doc.events_line = rng.choice(["events:# comment", "events:#", "events:\t# tab comment", "events: #ok"])
    return f"events line {doc.events_line!r}"


def m_flow_indicator(rng, doc):
    n = _pick(rng, doc)
    raw = rng.choice(["[a, >b]", "[a, |b]", "[a, b,]", "[a, @b]", "[a, `b]", "[a, -b]", "[a, ?b]", "[a, :b]", "[?]", "[a, '!b']"])
    set_value(doc, n, "tags", raw)
    return f"tags {raw}@{n}"


def m_json_tag(rng, doc):
    n = _pick(rng, doc)
    kind = rng.choice(["source", "event"])
    if kind == "source":
        set_value(doc, n, "sources", '[{"url":!thing https://example.org/x}]')
    else:
        doc.events[n] = [" " * doc.item_indent + '- {"title":!thing Tagged, "start": "2014", "sources": [https://example.org/t]}']
        doc.kinds[n] = "flow"
    return f"json-adjacent tag {kind}@{n}"


def m_anchor(rng, doc):
    kind = rng.choice(["dup", "dot", "dup_far", "alias_far", "alias_item", "merge", "nonascii", "alias_header",
                       "alias_header_after", "alias_header_dup", "alias_many"])
    n = _pick(rng, doc, "early")
    if kind.startswith("alias_header"):
        # an anchor in the header, before the list (or after it: undefined there), aliased by events
        value = rng.choice(["&hplace Tripoli", "&hplace 'Sabha'", "&hplace", "&hplace [a, b]", "&hplace {x: 1}"])
        (doc.post if kind == "alias_header_after" else doc.pre).append(f"x-anchor: {value}")
        k = _pick(rng, doc, "late")
        set_value(doc, n, "location", "*hplace")
        if kind == "alias_header_dup":
            set_value(doc, k, "location", "&hplace Benghazi")
        elif k != n:
            set_value(doc, k, rng.choice(["location", "title", "tags"]), "*hplace")
        return f"anchor {kind} {n},{k}"
    if kind == "alias_many":  # anchors and aliases scattered over the list, each one a doubt
        anchors = []
        for index in sorted(rng.sample(range(len(doc.events)), min(len(doc.events), rng.randint(1, 12)))):
            if anchors and rng.random() < 0.6:
                set_value(doc, index, "location", "*" + rng.choice(anchors))
            else:
                anchors.append(f"m{index}")
                set_value(doc, index, "location", f"&m{index} Place {index}")
        return f"anchors and aliases scattered ({len(anchors)} anchors)"
    if kind == "dot":
        set_value(doc, n, "location", "&a.b Tripoli")
        return f"anchor with dot@{n}"
    if kind == "nonascii":
        set_value(doc, n, "location", rng.choice(["&é Tripoli", "&a:b Tripoli", "&a! Tripoli", "&a/b Tripoli"]))
        return f"anchor non-alnum@{n}"
    if kind == "merge":
        if n + 1 < len(doc.events):
            set_value(doc, n, "sources", "&msrc [https://example.org/m]")
            add_line(doc, n + 1, "<<: {location: Merged}")
        return f"merge key@{n + 1}"
    set_value(doc, n, "location", "&dupa Tripoli")
    k = _pick(rng, doc, "late") if kind.endswith("far") else min(n + 1, len(doc.events) - 1)
    if kind.startswith("dup"):
        if k != n:
            set_value(doc, k, "location", "&dupa Benghazi")
        return f"anchor {kind} {n},{k}"
    if kind == "alias_far":
        set_value(doc, k, "location", "*dupa")
        return f"alias_far {n}->{k}"
    # an event that is an alias of another event (same chunk, most of the time)
    doc.events[n] = [" " * doc.item_indent + "- &whole {title: Aliased, start: 2014, sources: [https://example.org/a]}"]
    doc.kinds[n] = "flow"
    doc.events.insert(n + 1, [" " * doc.item_indent + "- *whole"])
    doc.kinds.insert(n + 1, "flow")
    return f"alias item after {n}"


def m_alias_contexts(rng, doc):
    """An anchor in the header aliased by many events in every context an alias can stand in,
    or seem to (inside quotes, a comment, a block scalar; as a key): yaml-rs reads them as
    stand-ins (`alias_stand_ins`), and only where the alias is a node of its own."""
    value = rng.choice(["&hsrc {title: VICE, url: 'https://news.vice.com/x'}", "&hsrc https://example.org/h",
                        "&hsrc Tripoli", "&hsrc 2014", "&hsrc null", "&hsrc ~", "&hsrc [a, b]", "&hsrc",
                        "&hsrc\n  title: T\n  url: https://example.org/b", "&hsrc '2014-06-25'", "&hsrc [*hsrc]"])
    doc.pre.append(f"x-anchor: {value}")
    contexts = [
        ("sources", "[*hsrc]"), ("sources", "[*hsrc, https://example.org/z]"), ("location", "*hsrc"),
        ("title", '"*hsrc"'), ("title", "'x, *hsrc'"), ("tags", "[a, *hsrc]"), ("location", "*hsrc # a comment"),
        ("location", "x # , *hsrc"), ("start", "*hsrc"), ("sources", "{a: *hsrc}"), ("description", "[*hsrc ]"),
        ("location", "*hsrc:"), ("tags", "[*hsrc: x]"), ("location", "*hsrcx"), ("title", "{*hsrc }"),
    ]
    contexts = rng.sample(contexts, rng.randint(1, 4))  # (one that reads as text makes its chunk's aliases doubts)
    picked = []
    for _ in range(rng.randint(1, 40)):
        n = _pick(rng, doc)
        if rng.random() < 0.05:
            add_line(doc, n, rng.choice(["*hsrc : x", "other: *hsrc", "more: [*hsrc, *hsrc]"]))
        else:
            key, raw = rng.choice(contexts)
            set_value(doc, n, key, raw)
        picked.append(n)
    return f"aliases to a header anchor ({value!r}) at {sorted(picked)[:5]}..."


def m_dash_alone(rng, doc):
    n = _pick(rng, doc)
    _to_block(doc, n, rng)
    block = doc.events[n]
    first = block[0]
    suffix = rng.choice(["", " # note", "  "])
    block[0:1] = [" " * doc.item_indent + "-" + suffix, " " * doc.key_col + first[doc.key_col:]]
    return f"dash alone {suffix!r}@{n}"


def m_dup_id(rng, doc):
    if len(doc.events) < 2:
        return "dup id (too few events)"
    n = _pick(rng, doc, "early")
    k = _pick(rng, doc, "late")
    if k == n:
        k = (n + 1) % len(doc.events)
    first, later = sorted((n, k))
    same_line = rng.random() < 0.3
    for idx in (first, later):
        if same_line:
            _to_block(doc, idx, rng)
            block = doc.events[idx]
            found = _key_line(doc, idx, "id")
            if found:
                i, col = found
                del block[i : _value_span(doc, idx, i, col)]
            block[0] = " " * doc.item_indent + "-" + " " * (doc.key_col - doc.item_indent - 1) + "id: DUP"
            block.insert(1, " " * doc.key_col + "title: Dup event")
        else:
            set_value(doc, idx, "id", "DUP")
    return f"dup id {first},{later} same_line={same_line}"


def m_id_blank(rng, doc):
    n = _pick(rng, doc)
    raw = rng.choice(["' '", '"  "', "'\t'", '" \\t"'])
    set_value(doc, n, "id", raw)
    return f"blank id {raw}@{n}"


def m_deep(rng, doc):
    n = _pick(rng, doc)
    depth = rng.choice([60, 61, 62, 63, 64])
    set_value(doc, n, "tags", "[" * depth + "x" + "]" * depth)
    return f"deep tags {depth}@{n}"


def m_missing(rng, doc):
    n = _pick(rng, doc)
    doc.events[n] = [" " * doc.item_indent + "- {" + rng.choice(["description: nothing else", "end: 2014", "location: X, colour: red"]) + "}"]
    doc.kinds[n] = "flow"
    return f"missing title/start@{n}"


def m_problem(rng, doc):
    """Ordinary, valid-YAML problems: each should be reported identically by both paths."""
    n = _pick(rng, doc)
    kind = rng.choice(["bad_date", "end_before", "unknown_key", "bad_link", "unknown_named", "unknown_cat", "src_pub_only", "number_title", "date_order_numeric", "bad_color"])
    if kind == "bad_date":
        set_value(doc, n, "start", rng.choice(["31 June 2014", "2014-13", "sometime", "03/04/2014", "Oct 20", "2014-06-25T10:00Z"]))
    elif kind == "end_before":
        set_value(doc, n, "start", "2014-06-25")
        set_value(doc, n, "end", "2014-06-01")
    elif kind == "unknown_key":
        add_line(doc, n, rng.choice(["colour: red", "titel: x", "when: 2014"]))
    elif kind == "bad_link":
        set_value(doc, n, "sources", rng.choice(["[ftp://x.org/a]", "['javascript:alert(1)']", "[{title: T, url: 'http:///nohost'}]", "[http://a b]"]))
    elif kind == "unknown_named":
        set_value(doc, n, "sources", "[nosuchsource]")
    elif kind == "unknown_cat":
        set_value(doc, n, "category", "nosuchcategory")
    elif kind == "src_pub_only":
        set_value(doc, n, "sources", "[{publisher: AFP}]")
    elif kind == "number_title":
        set_value(doc, n, "title", rng.choice(["1969", "1.5", "true", "0x10", "~"]))
    elif kind == "date_order_numeric":
        set_value(doc, n, "start", "03/04/2014")
    else:
        doc.pre.append("categories: {zz: {label: Z, color: red}}") if not any(l.startswith("categories") for l in doc.pre) else None
    return f"problem {kind}@{n}"


def m_doc_markers(rng, doc):
    kind = rng.choice(["start", "end", "end_garbage", "second_doc", "post_key"])
    if kind == "start":
        doc.pre.insert(0, "--- # doc")
    elif kind == "end":
        doc.post.append("...")
    elif kind == "end_garbage":
        doc.post.extend(["...", "# after"])
    elif kind == "second_doc":
        doc.post.extend(["---", "title: second"])
    else:
        doc.post.append("eras: [{title: Late, start: 1990, end: 1991}]")
    return f"doc markers {kind}"


def m_bom_mid(rng, doc):
    n = _pick(rng, doc)
    doc.events[n].append(" " * doc.key_col + "\ufeff" + "location: X")
    return f"BOM mid-file@{n}"


def m_nested_item(rng, doc):
    n = _pick(rng, doc)
    doc.events.insert(n, [" " * doc.item_indent + "- - title: nested", " " * (doc.item_indent + 4) + "start: 2014"])
    doc.kinds.insert(n, "block")
    return f"nested list item@{n}"


def m_multiline_quoted(rng, doc):
    n = _pick(rng, doc)
    col = rng.choice([0, doc.item_indent, doc.key_col, doc.key_col + 2])
    set_value(doc, n, "description", '"first part\n' + " " * col + 'second part"')
    return f"multi-line quoted col {col}@{n}"


def m_keep_chomp_last(rng, doc):
    n = len(doc.events) - 1 if rng.random() < 0.5 else min(999, len(doc.events) - 1)
    _to_block(doc, n, rng)
    set_value(doc, n, "description", "|+\n" + " " * (doc.key_col + 2) + "kept\n")
    doc.events[n].extend(["", "  ", ""])
    return f"keep chomp@{n}"


def m_directive(rng, doc):
    line = rng.choice(["%YAML 1.1", "%YAML 1.2", "%YAML 1.3", "%YAML 2.0", "%FOO bar", "%TAG !e! tag:example.com,2000:"])
    doc.pre[:0] = [line, "---"] if not (doc.pre and doc.pre[0].startswith("---")) else [line]
    return f"directive {line}"


def m_huge_int(rng, doc):
    n = _pick(rng, doc)
    digits = rng.choice([4300, 4301, 6000])
    key = rng.choice(["start", "end"])
    set_value(doc, n, key, "1" + "0" * (digits - 1))
    return f"{digits}-digit {key}@{n}"


MUTATIONS = {
    "int_form": m_int_form,
    "int_form_end": m_int_form_end,
    "padded_elsewhere": m_padded_elsewhere,
    "ctrl": m_ctrl,
    "linebreak_then_problem": m_ctrl_early_then_problem,
    "empty": m_empty,
    "media": m_media,
    "header_null": m_header_null,
    "header_keys": m_header_keys,
    "header_int_date": m_header_int_date,
    "dup_key": m_dup_key,
    "broken_quote": m_broken_quote,
    "tab": m_tab,
    "odd_indent": m_odd_indent,
    "events_comment": m_events_comment,
    "flow_indicator": m_flow_indicator,
    "json_tag": m_json_tag,
    "anchor": m_anchor,
    "alias_contexts": m_alias_contexts,
    "dash_alone": m_dash_alone,
    "dup_id": m_dup_id,
    "id_blank": m_id_blank,
    "deep": m_deep,
    "missing": m_missing,
    "problem": m_problem,
    "doc_markers": m_doc_markers,
    "bom_mid": m_bom_mid,
    "nested_item": m_nested_item,
    "multiline_quoted": m_multiline_quoted,
    "keep_chomp": m_keep_chomp_last,
    "directive": m_directive,
    "huge_int": m_huge_int,
}


def generate(seed: int, size: int | None = None, mutations: list[str] | None = None, style: str | None = None,
             big_rate: float = 0.05, mutate_rate: float = 0.7, sources_rate: float | None = None):
    """(text, meta) for `seed`; `size`, `mutations` (names in MUTATIONS) and `style` override the seed's choice.
    Made once a test run: several differential tests walk the same seeds, and PyYAML's own (Python)
    `safe_dump`, which the dumped styles are written with, took most of their time."""
    key = (seed, size, None if mutations is None else tuple(mutations), style, big_rate, mutate_rate, sources_rate)
    if key not in _GENERATED:
        _GENERATED[key] = _generate(seed, size, mutations, style, big_rate, mutate_rate, sources_rate)
    text, meta = _GENERATED[key]
    return text, copy.deepcopy(meta)


_GENERATED: dict[tuple, tuple[str, dict]] = {}


def _generate(seed, size, mutations, style, big_rate, mutate_rate, sources_rate):
    rng = random.Random(seed)
    if size is None:
        size = rng.randint(1500, 2500) if rng.random() < big_rate else rng.choice([1, 2, 3, 5, 8, 13, 20, 40])
    style = style or rng.choice(STYLES)
    opts = {} if sources_rate is None else {"sources_rate": sources_rate}
    data = make_data(rng, size, opts)
    doc = render(rng, data, style)
    sprinkle(rng, doc, rng.choice([0.0, 0.05, 0.3]))
    if mutations is None:
        mutations = []
        if rng.random() < mutate_rate:
            mutations = rng.sample(sorted(MUTATIONS), rng.choice([1, 1, 1, 2]))
    applied = [MUTATIONS[name](rng, doc) for name in mutations]
    doc.crlf = rng.random() < 0.1
    doc.bom = rng.random() < 0.1
    meta = {"seed": seed, "style": style, "events": size, "mutations": mutations, "applied": applied,
            "crlf": doc.crlf, "bom": doc.bom}
    return doc.text(), meta


if __name__ == "__main__":
    import sys

    for arg in sys.argv[1:] or ["1"]:
        text, meta = generate(int(arg))
        print("#", meta)
        print(text)
