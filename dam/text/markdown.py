"""Comment bodies: Markdown rendered to a small, safe HTML subset, and the @-mentions they contain.

Two independent layers keep untrusted text from ever becoming live markup:
1. markdown-it-py with raw HTML off escapes every character a person typed; links are only made for http, https
   and mailto URLs (anything else, such as javascript: or data:, stays visible as plain text), and images are
   turned into links so a comment cannot make every reader's browser fetch a remote picture.
2. nh3 (the Ammonia sanitiser) then keeps only an allowlist of tags and attributes, checks URL schemes again and
   sets target and rel on every link, so a slip in layer 1 still cannot produce script, styles or handlers.
The pages show the result with `st.html`, which runs it through DOMPurify once more in the browser.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

MAX_BODY_CHARS = 10_000
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

# A handle as users.create allows it (letters, digits, '.', '-', '_'), not ending in '.' or '-' so that
# "thanks @ana." mentions ana. Written after a letter, digit, '.', '-' or '@' it is part of an e-mail address.
_HANDLE = re.compile(r"\w(?:[\w.-]*\w)?")
_NOT_BEFORE_MENTION = frozenset(".-@_")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)

_TAGS = {
    "p", "br", "strong", "em", "s", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "span",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}  # span classes: only those in _CLASSES
_CLASSES = {"span": {"mention"}}
_LINK_REL = "noopener noreferrer nofollow ugc"


def is_safe_url(url: str) -> bool:
    """Only absolute http(s) and mailto URLs become links; everything else (relative, javascript:, data:) does not."""
    if any(ord(c) < 33 or ord(c) == 127 for c in url):
        return False
    match = _SCHEME.match(url)
    return match is not None and match.group(1).lower() in SAFE_SCHEMES


def _mention_rule(state: StateInline, silent: bool) -> bool:
    """`@handle` as a mention token (never inside code, which markdown-it hands to its own rules first)."""
    start = state.pos
    if state.src[start] != "@":
        return False
    if start > 0 and (state.src[start - 1].isalnum() or state.src[start - 1] in _NOT_BEFORE_MENTION):
        return False
    match = _HANDLE.match(state.src, start + 1)
    if match is None:
        return False
    if not silent:
        token = state.push("mention", "", 0)
        token.content = match.group(0)
    state.pos = match.end()
    return True


def _render_mention(self, tokens, idx, options, env) -> str:
    return f'<span class="mention">@{html.escape(tokens[idx].content)}</span>'


def _render_image_as_link(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    label = self.renderInlineAsText(token.children or [], options, env) or src
    return f'<a href="{html.escape(src)}">{html.escape(label)}</a>'


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": True, "typographer": False})
    md.enable(["linkify", "strikethrough", "table"])
    md.validateLink = is_safe_url  # type: ignore[method-assign]
    md.inline.ruler.before("emphasis", "mention", _mention_rule)
    md.add_render_rule("mention", _render_mention)
    md.add_render_rule("image", _render_image_as_link)
    return md


def render(body: str) -> str:
    """The body as sanitised HTML, wrapped in `<div class="comment-body">`."""
    raw = _parser().render(body)
    clean = nh3.clean(
        raw, tags=_TAGS, attributes=_ATTRIBUTES, allowed_classes=_CLASSES, url_schemes=set(SAFE_SCHEMES),
        url_relative="deny", link_rel=_LINK_REL, set_tag_attribute_values={"a": {"target": "_blank"}},
        strip_comments=True,
    )  # fmt: skip
    return f'<div class="comment-body">{clean}</div>'


def mentions(body: str) -> list[str]:
    """The handles mentioned in a body, in order and once each (compared without case); code is not searched."""
    found: dict[str, str] = {}
    for block in _parser().parse(body):
        for token in block.children or []:
            if token.type == "mention":
                found.setdefault(token.content.lower(), token.content)
    return list(found.values())


def excerpt(body: str, limit: int = 140) -> str:
    """A one-line plain-text preview of a body (for notifications; shown as plain text, never rendered)."""
    line = " ".join(body.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def escape_markdown(text: str) -> str:
    """Plain text made literal for widgets that read Markdown (labels, captions, tooltips)."""
    return re.sub(r"([\\`*_{}\[\]()<>#+\-.!|~:$^=&])", r"\\\1", text)


def with_mentions(body: str, handles: list[str]) -> str:
    """The body with a first line of `@handle`s for each chosen person it does not mention yet (the Mention picker).

    A line of its own, so that a body opening with a heading or a list keeps its Markdown meaning.
    """
    present = {h.lower() for h in mentions(body)}
    missing = " ".join(f"@{h}" for h in dict.fromkeys(handles) if h.lower() not in present)
    if not missing:
        return body
    return f"{missing}\n\n{body.strip()}" if body.strip() else missing
