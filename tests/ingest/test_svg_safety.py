"""SVG is checked before it is ever drawn: scripts, event handlers, external references and expansion are refused."""

from __future__ import annotations

import base64

import pytest

from tests.ingest import media

NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
TINY_PNG = base64.b64encode(media.encoded(media.picture(1, (8, 8)), "PNG")).decode()


def svg(body: str, head: str = "", root: str = "") -> str:
    return f'<?xml version="1.0"?>{head}<svg {NS} width="40" height="30" {root}>{body}</svg>'


def use_bomb(levels: int = 8, fan_out: int = 10) -> str:
    groups = ['<g id="l0"><rect width="1" height="1"/></g>']
    for level in range(1, levels + 1):
        uses = "".join(f'<use href="#l{level - 1}"/>' for _ in range(fan_out))
        groups.append(f'<g id="l{level}">{uses}</g>')
    return svg(f"<defs>{''.join(groups)}</defs><use href=\"#l{levels}\"/>")


HOSTILE = {
    "script": (svg("<script>alert(document.cookie)</script>"), "SVG contains a script"),
    "onload": (svg("<rect width='4' height='4'/>", root='onload="alert(1)"'), "event handler attribute (onload)"),
    "onclick": (svg('<rect width="4" height="4" onclick="steal()"/>'), "event handler attribute (onclick)"),
    "remote image": (svg('<image href="http://evil.example/pixel.png" width="4" height="4"/>'),
                     "external resource (http://evil.example/pixel.png)"),  # fmt: skip
    "local file": (svg('<image xlink:href="file:///etc/passwd" width="4" height="4"/>'), "external resource (file:"),
    "relative path": (svg('<image href="../secret.png" width="4" height="4"/>'), "external resource (../secret.png)"),
    "nested svg": (svg('<image href="data:image/svg+xml;base64,PHN2Zz4=" width="4" height="4"/>'), "external resource"),
    "javascript link": (svg('<a href="javascript:alert(1)"><rect width="4" height="4"/></a>'), "javascript: URL"),
    "foreign html": (svg("<foreignObject><p>hi</p></foreignObject>"), "embeds HTML"),
    "css import": (svg("<style>@import url(https://evil.example/a.css);</style>"), "imports an external stylesheet"),
    "css url": (svg('<rect width="4" height="4" style="fill:url(https://evil.example/p.svg#x)"/>'),
                "external resource (https://evil.example/p.svg#x)"),  # fmt: skip
    "stylesheet pi": (svg("", head='<?xml-stylesheet href="https://evil.example/a.css"?>'), "external stylesheet"),
    "billion laughs": (
        svg("<text>&lol3;</text>", head='<!DOCTYPE svg [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">'
            '<!ENTITY lol3 "&lol2;&lol2;&lol2;">]>'),
        "entity expansion is not allowed",
    ),  # fmt: skip
    "external entity": (
        svg("<text>&x;</text>", head='<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'),
        "entity expansion is not allowed",
    ),
    "use bomb": (use_bomb(), "expands to too many elements"),
    "use cycle": (svg('<g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g>'), "reference cycle"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_svg_is_rejected(case, tmp_path, ingest):
    text, reason = HOSTILE[case]
    (result,) = ingest(media.svg(tmp_path / "logo.svg", text))
    assert result.status == "rejected"
    assert reason in result.reason


SAFE = {
    "embedded bitmap": svg(f'<image href="data:image/png;base64,{TINY_PNG}" width="8" height="8"/>'),
    "illustrator doctype": svg(
        '<rect width="40" height="30" fill="#0af"/>',
        head='<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">',
    ),
    "internal references": media.SVG_LOGO,
    "size from viewBox only": (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><circle cx="50" cy="50" r="40"/></svg>'
    ),
}


@pytest.mark.parametrize("case", SAFE)
def test_safe_svg_is_added(case, tmp_path, ingest, record):
    (result,) = ingest(media.svg(tmp_path / "logo.svg", SAFE[case]))
    assert result.status == "added", result.reason
    asset = record(result.asset_id)
    assert asset["kind"] == "image" and asset["mime"] == "image/svg+xml"
    if case == "size from viewBox only":
        assert (asset["width"], asset["height"]) == (200, 100)
