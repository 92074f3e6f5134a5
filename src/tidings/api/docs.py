"""/docs: the OpenAPI description as one plain HTML page, with no script and nothing
fetched from elsewhere (the stock Swagger page loads its code from a CDN)."""

from __future__ import annotations

from html import escape
from typing import Any

_STYLE = """body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}
h2{font-family:monospace;font-size:1.1rem;border-top:1px solid #ccc;padding-top:1rem}
.m{display:inline-block;min-width:4rem;color:#fff;background:#3b6ea5;padding:0 .4rem;border-radius:3px}
.POST{background:#2e7d32}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left}
pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem}"""


def _type(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_type(s) for s in schema["anyOf"] if s.get("type") != "null")
    if schema.get("type") == "array":
        return f"list of {_type(schema.get('items', {}))}"
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    return str(schema.get("type", "object"))


def _parameters(params: list[dict[str, Any]]) -> str:
    if not params:
        return ""
    rows = "".join(
        f"<tr><td><code>{escape(p['name'])}</code></td><td>{escape(p['in'])}</td>"
        f"<td>{escape(_type(p.get('schema', {})))}</td><td>{'yes' if p.get('required') else ''}</td>"
        f"<td>{escape(p.get('description', '') or p.get('schema', {}).get('description', ''))}</td></tr>"
        for p in params
    )
    return f"<table><tr><th>name</th><th>in</th><th>type</th><th>required</th><th>meaning</th></tr>{rows}</table>"


def docs_page(spec: dict[str, Any]) -> str:
    info = spec.get("info", {})
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{escape(info.get('title', 'API'))}"
             f"</title><style>{_STYLE}</style></head><body><h1>{escape(info.get('title', 'API'))} "
             f"{escape(info.get('version', ''))}</h1><p>{escape(info.get('description', ''))}</p>"
             "<p>Machine-readable: <a href='/openapi.json'>/openapi.json</a> (OpenAPI 3).</p>"]
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            verb = method.upper()
            parts.append(f"<h2 id='{escape(verb + path)}'><span class='m {escape(verb)}'>{escape(verb)}</span> "
                         f"{escape(path)}</h2><p><b>{escape(op.get('summary', ''))}</b></p>"
                         f"<pre>{escape(op.get('description', ''))}</pre>{_parameters(op.get('parameters', []))}")
    parts.append("</body></html>")
    return "".join(parts)
