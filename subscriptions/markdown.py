"""Organisers write updates in Markdown; readers get HTML that can hold no script."""
from __future__ import annotations

import markdown as markdown_lib
import nh3

_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote", "h3", "h4", "code"}


def render_markdown(text: str) -> str:
    html = markdown_lib.markdown(text or "", extensions=[], output_format="html")
    return nh3.clean(html, tags=_TAGS, attributes={"a": {"href", "title"}},
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer nofollow")
