"""axe-core in the browser tests: ``assert_accessible(page)`` fails on every serious or
critical violation on the page as it is now.

axe-core is vendored (``tests/e2e/vendor/axe.min.js``, version ``AXE_VERSION``,
MPL-2.0, its license beside it; taken unchanged from the npm package ``axe-core``),
so no test needs a network. It is evaluated through the DevTools protocol
(``page.evaluate``), which the page's Content-Security-Policy does not govern, so
the page's CSP stays as strict as it is and no CSP violation is reported.

    from tests.e2e.axe import assert_accessible
    assert_accessible(page)                       # the whole page
    assert_accessible(page, context="#edit-panel")  # one region (a CSS selector)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

VENDOR = Path(__file__).resolve().parent / "vendor"
AXE_JS = VENDOR / "axe.min.js"
#: The vendored axe-core's version (its file's first line says it too).
AXE_VERSION = "4.14.1"
#: The impacts that fail a test (axe's four are minor, moderate, serious, critical).
FAILING_IMPACTS = ("serious", "critical")

_RUN = """
async ([context, options]) => {
  const results = await window.axe.run(context === null ? document : context, options);
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({
      impact: n.impact, target: n.target.map(String).join(' '),
      summary: n.failureSummary || '', html: n.html.slice(0, 160),
    })),
  }));
}
"""


def _inject(page: Any) -> None:
    if page.evaluate("() => typeof window.axe === 'object' && !!window.axe.run"):
        return
    source = AXE_JS.read_text(encoding="utf-8")
    assert source.startswith(f"/*! axe v{AXE_VERSION}"), "the vendored axe-core changed"
    page.evaluate(f"() => {{ {source}\n; return true; }}")
    # axe's UMD wrapper sets window.axe when it runs as a plain script.
    page.wait_for_function("() => typeof window.axe === 'object' && !!window.axe.run")


def violations(page: Any, *, context: str | None = None) -> list[dict[str, Any]]:
    """All of axe's violations (every impact) on the page or on ``context`` (a selector)."""
    _inject(page)
    options = {"resultTypes": ["violations"]}
    found: list[dict[str, Any]] = page.evaluate(_RUN, [context, options])
    return found


def serious(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Only the nodes whose impact is serious or critical, grouped by rule."""
    kept = []
    for rule in found:
        nodes = [n for n in rule["nodes"] if (n["impact"] or rule["impact"]) in FAILING_IMPACTS]
        if nodes:
            kept.append({**rule, "nodes": nodes})
    return kept


def describe(found: list[dict[str, Any]]) -> str:
    """One line per failing node: rule, impact, target, axe's summary."""
    lines = []
    for rule in found:
        lines.append(f"{rule['id']} ({rule['impact']}) ×{len(rule['nodes'])}: {rule['help']}")
        for node in rule["nodes"]:
            summary = " ".join(node["summary"].split())
            lines.append(f"  - {node['target']}: {summary}  [{node['html']}]")
    return "\n".join(lines)


def assert_accessible(page: Any, *, context: str | None = None) -> None:
    """Fail listing every serious or critical axe-core violation (rule, target, summary)."""
    failing = serious(violations(page, context=context))
    assert not failing, (
        f"axe-core {AXE_VERSION}: serious/critical violations on {page.url}"
        f"{'' if context is None else ' in ' + context}:\n{describe(failing)}"
        f"\n(raw: {json.dumps([r['id'] for r in failing])})"
    )
