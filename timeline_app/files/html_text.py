"""TimelineJS text is HTML, ours is Markdown: the few forms both have, turned each way.

Paragraphs, line breaks, bold, italics and web links go across and come back the same;
any other tag is dropped and its text kept, and so is a link that is not http(s)
(`javascript:`, `file:`): its words stay, as plain text (`non_web_links` names them).
"""

from __future__ import annotations

import html
import re

_LINK = re.compile(r'<a\b[^>]*?href\s*=\s*(["\'])(.*?)\1[^>]*>(.*?)</a\s*>', re.S | re.I)
_BOLD = re.compile(r"<(strong|b)\b[^>]*>(.*?)</\1\s*>", re.S | re.I)
_ITALIC = re.compile(r"<(em|i)\b[^>]*>(.*?)</\1\s*>", re.S | re.I)
_WEB_LINK = re.compile(r"https?://", re.I)
_MD_BOLD = re.compile(r"\*\*(.+?)\*\*")
_MD_ITALIC = re.compile(r"(?<![\w*])\*(?![\s*])([^*\n]+?)(?<![\s*])\*(?![\w*])")
_MD_LINK = re.compile(r"\[([^\]]+)\]\(((?:https?://|mailto:)[^)\s]+)\)")


_BLOCK = re.compile(r"\s*</?(?:p|div|blockquote|ul|ol|li|h[1-6])\b[^>]*>\s*", re.I)
_BREAK = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_BLANK_LINES = re.compile(r"\n{3,}")


def html_to_markdown(text: str) -> str:
    """HTML as Markdown text: tags dropped, entities decoded, links and emphasis kept."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    if "<" in text or "&" in text:  # plain text (most headlines) has nothing to turn
        text = _BLOCK.sub("\n\n", text)
        text = _BREAK.sub("\n", text)
        text = _LINK.sub(_link, text)
        text = _BOLD.sub(lambda m: f"**{m.group(2)}**", text)
        text = _ITALIC.sub(lambda m: f"*{m.group(2)}*", text)
        text = html.unescape(_TAG.sub("", text))
    return _BLANK_LINES.sub("\n\n", _TRAILING_SPACE.sub("\n", text)).strip()


def _link(match: re.Match) -> str:
    words, href = _inline(match.group(3)), _href(match)
    if not _WEB_LINK.match(href):
        return words or href  # plain text: only a web link may reach the detail pane as a link
    return f"[{words}]({href})" if words else href


def non_web_links(text: str) -> list[str]:
    """The links in HTML that `html_to_markdown` keeps as plain text (not http or https)."""
    return [href for href in map(_href, _LINK.finditer(text)) if not _WEB_LINK.match(href)]


def _href(match: re.Match) -> str:
    return html.unescape(match.group(2)).strip()


def _inline(text: str) -> str:
    return html.unescape(_TAG.sub("", text)).strip()


def markdown_to_html(text: str, paragraphs: bool = True) -> str:
    """Markdown as TimelineJS's HTML: one <p> per paragraph (none when `paragraphs` is off)."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    rendered = [_inline_html(part) for part in parts]
    if not paragraphs:
        return "<br><br>".join(rendered)
    return "".join(f"<p>{part}</p>" for part in rendered)


def _inline_html(text: str) -> str:
    escaped = html.escape(text, quote=False)
    escaped = _MD_BOLD.sub(r"<strong>\1</strong>", escaped)
    escaped = _MD_ITALIC.sub(r"<em>\1</em>", escaped)
    escaped = _MD_LINK.sub(lambda m: f'<a href="{html.escape(html.unescape(m.group(2)))}">{m.group(1)}</a>', escaped)
    return escaped.replace("\n", "<br>")
