"""Comment bodies render to a small safe HTML subset whatever is typed, and mentions are found only where meant."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from dam.text.markdown import escape_markdown, excerpt, is_safe_url, mentions, render, with_mentions

ALLOWED_TAGS = {
    "div", "p", "br", "strong", "em", "s", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "span",
}  # fmt: skip
ALLOWED_ATTRS = {"href", "target", "rel", "class", "start", "title"}


class Audit(HTMLParser):
    """Every tag, attribute and link in a piece of HTML, parsed the way a browser tokenises it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, name, value) for name, value in attrs)

    def handle_data(self, data):
        self.text += data


def audit(markup: str) -> Audit:
    parser = Audit()
    parser.feed(markup)
    parser.close()
    return parser


def assert_safe(markup: str) -> Audit:
    found = audit(markup)
    assert set(found.tags) <= ALLOWED_TAGS, found.tags
    for tag, name, value in found.attrs:
        assert name in ALLOWED_ATTRS, (tag, name)
        if name == "href":
            assert is_safe_url(value or ""), value
        if name == "class":
            assert value in ("comment-body", "mention"), value
    for tag, name, value in found.attrs:
        if tag == "a" and name == "rel":
            assert {"noopener", "noreferrer"} <= set(value.split())
    links = [t for t in found.tags if t == "a"]
    assert len([1 for tag, name, v in found.attrs if tag == "a" and name == "target" and v == "_blank"]) == len(links)
    return found


INJECTIONS = {
    "script tag": "<script>alert(1)</script>",
    "img onerror": '<img src=x onerror="alert(1)">',
    "svg onload": "<svg onload=alert(1)>",
    "iframe": '<iframe src="https://evil.example"></iframe>',
    "style tag": "<style>body{display:none}</style>",
    "javascript link": "[click](javascript:alert(1))",
    "javascript link, mixed case": "[click](JaVaScRiPt:alert(document.cookie))",
    "javascript link, entity-encoded": "[click](&#106;avascript:alert(1))",
    "javascript link, tab inside": "[click](<java\tscript:alert(1)>)",
    "javascript autolink": "<javascript:alert(1)>",
    "vbscript link": "[click](vbscript:msgbox(1))",
    "data url link": "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "data url image": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "file url": "[x](file:///etc/passwd)",
    "remote image": "![tracker](https://evil.example/pixel.gif)",
    "html entities": "&lt;script&gt;alert(1)&lt;/script&gt;",
    "numeric entities": "&#60;script&#62;alert(1)&#60;/script&#62;",
    "nested brackets": "[a [b](javascript:alert(1)) c](https://ok.example)",
    "attribute break-out": '[x](https://ok.example"onmouseover="alert(1))',
    "title break-out": '[x](https://ok.example "a\\" onmouseover=\\"alert(1)")',
    "reference link": "[x][1]\n\n[1]: javascript:alert(1)",
    "html comment": "<!-- <script>alert(1)</script> -->",
    "html block": "<div onclick=alert(1)>\n\n*hi*\n\n</div>",
    "markdown inside code": "`<script>alert(1)</script>`",
    "protocol-relative": "[x](//evil.example/x)",
    "mention with html": "@vera<script>alert(1)</script>",
    "null byte": "[x](java\x00script:alert(1))",
}


@pytest.mark.parametrize("name", INJECTIONS)
def test_injection_attempts_render_inert(name):
    markup = render(INJECTIONS[name])
    found = assert_safe(markup)
    assert "<script" not in markup.lower() and "<img" not in markup.lower() and "<iframe" not in markup.lower()
    assert "javascript:" not in " ".join(v or "" for _, _, v in found.attrs).lower()
    assert "data:" not in " ".join(v or "" for _, n, v in found.attrs if n == "href").lower()


@pytest.mark.parametrize("name", ["script tag", "img onerror", "html entities", "numeric entities"])
def test_what_looks_like_html_is_shown_as_the_text_typed(name):
    found = audit(render(INJECTIONS[name]))
    assert "<" in found.text and "alert(1)" in found.text  # visible to the reader, never live


def test_a_refused_link_stays_readable_as_text():
    found = audit(render("[click](javascript:alert(1))"))
    assert "a" not in found.tags and "javascript:alert(1)" in found.text


def test_images_become_plain_links_so_no_remote_picture_is_fetched():
    found = assert_safe(render("![the hero](https://cdn.example/hero.png)"))
    assert "img" not in found.tags
    assert ("a", "href", "https://cdn.example/hero.png") in found.attrs and "the hero" in found.text


@pytest.mark.parametrize(
    "body, href",
    [
        ("[brief](https://studio.example/brief?a=1&b=2)", "https://studio.example/brief?a=1&b=2"),
        ("see http://studio.example/x now", "http://studio.example/x"),
        ("<https://studio.example/auto>", "https://studio.example/auto"),
        ("[mail](mailto:art@studio.example)", "mailto:art@studio.example"),
        ("write to art@studio.com", "mailto:art@studio.com"),
        ("www.studio.com", "http://www.studio.com"),  # bare addresses need a real top-level domain
    ],
)
def test_safe_links_open_in_a_new_tab_without_the_opener(body, href):
    found = assert_safe(render(body))
    assert ("a", "href", href) in found.attrs
    rel = next(v for t, n, v in found.attrs if t == "a" and n == "rel")
    assert set(rel.split()) >= {"noopener", "noreferrer", "nofollow"}


def test_ordinary_markdown_still_works():
    found = assert_safe(render("# Notes\n\n**bold** _it_ ~~old~~\n\n- one\n- two\n\n> quoted\n\n```\ncode\n```"))
    assert {"h1", "strong", "em", "s", "ul", "li", "blockquote", "pre", "code"} <= set(found.tags)


@pytest.mark.parametrize(
    "body, expected",
    [
        ("hi @vera and @carl", ["vera", "carl"]),
        ("thanks @vera.", ["vera"]),
        ("@Vera and @vera again", ["Vera"]),
        ("mail vera@studio.example", []),
        ("`@vera` in code", []),
        ("```\n@vera\n```", []),
        ("**@maria**, [@carl](https://x.example)", ["maria", "carl"]),
        ("@ alone, @@double, end @", []),
        ("(@vera)", ["vera"]),
        ("first.last: @first.last-2_x", ["first.last-2_x"]),
    ],
)
def test_mentions_are_found_in_text_not_in_code_or_addresses(body, expected):
    assert mentions(body) == expected


def test_mentions_render_as_marked_text_not_links():
    found = assert_safe(render("ping @vera"))
    assert ("span", "class", "mention") in found.attrs and "@vera" in found.text


def test_with_mentions_adds_a_first_line_for_people_not_yet_mentioned():
    assert with_mentions("# Title\nbody", ["vera", "carl"]) == "@vera @carl\n\n# Title\nbody"
    assert with_mentions("hi @vera", ["vera"]) == "hi @vera"
    assert with_mentions("", ["vera"]) == "@vera"
    assert mentions(with_mentions("- a list", ["carl"])) == ["carl"]


def test_excerpt_is_one_short_line():
    assert excerpt("a\n\nb   c") == "a b c"
    assert len(excerpt("x" * 500)) == 140 and excerpt("x" * 500).endswith("…")


def test_escape_markdown_makes_names_literal():
    assert escape_markdown("[x](javascript:alert(1))") == r"\[x\]\(javascript\:alert\(1\)\)"
    assert escape_markdown("**bold** _it_ <b>") == r"\*\*bold\*\* \_it\_ \<b\>"
