"""Loading toolpacks: the bundled pack plus three overlays, found, validated and resolved.

Run: .venv/bin/python benchmarks/load_toolpacks.py [--runs 50]

Three overlays are generated in a temporary folder: a local authority's pack over core
(rewording, a new tool, a hidden tool, an order), a team's pack over that one (prompts
added and hidden, a tool reworded), and a second authority's pack with ten tools of its
own. Three numbers are reported, each as median and p95 in milliseconds:

- import: importing the pack machinery (`sessionkit.toolpacks.catalog`, which brings in
  pydantic) in a fresh process. The package itself loads its modules lazily; the app pays
  this once, after its first frame, and usually shares it with the domain models.
- cold load: the first `load_catalog(...)` plus resolving every pack, in that same fresh
  process. This includes building the pydantic validators on first use (the models use
  `defer_build`), so it is what the app pays when it first opens the packs.
- warm load: the same work again in one process, with a fresh Catalog each run.

Budget: cold load under 30 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGET_MS = 30.0

CHILD = """
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
import sessionkit.toolpacks as tp
import sessionkit.toolpacks.catalog  # the package is lazy: load what load_catalog uses
t1 = time.perf_counter()
catalog = tp.load_catalog([Path(p) for p in sys.argv[1:]])
packs = [catalog.resolve(i) for i in catalog.pack_ids()]
t2 = time.perf_counter()
assert not catalog.problems, [str(p) for p in catalog.problems]
assert len(packs) == 4, catalog.pack_ids()
print(json.dumps({"import": (t1 - t0) * 1000, "cold": (t2 - t1) * 1000}))
"""


def tool(tool_id: str, prefix: str, prompts: int) -> str:
    text = f"""
    [[tools]]
    id = "{tool_id}"
    name = "Tool {tool_id}"
    group = "{prefix}"
    purpose = "Why a practitioner would reach for this tool, in a sentence or two."
    works_well_when = "When it helps."
    avoid_when = "When it does not."
    areas = ["relationships", "safety"]
    [tools.adaptations]
    age = "For younger children, draw it."
    """
    for n in range(prompts):
        text += f"""
    [[tools.prompts]]
    id = "{prefix}.{tool_id}.{n}"
    kind = "scale"
    wording = "On a scale from 0 to 10, question {n}?"
    child_wording = "From 0 to 10, question {n}?"
    [tools.prompts.scale]
    min_label = "low"
    max_label = "high"
    """
    return textwrap.dedent(text)


def write_overlays(folder: Path) -> None:
    head = '[pack]\nid = "{id}"\nname = "{id}"\nversion = "1"\nextends = "{base}"\n'
    authority = head.format(id="authority", base="core") + textwrap.dedent(
        """
        [layout]
        order = ["relationship-check", "scaling"]
        hide_tools = ["internalised-other"]

        [[reword]]
        prompt = "scaling.safety"
        wording = "Our words for the safety question"
        max_label = "really safe"

        [[reword]]
        prompt = "scaling.worry"
        child_wording = "Our child words"

        [[reword]]
        prompt = "warming.stop-sign"
        option_labels = { card = "Show the red card" }
        """
    )
    authority += tool("authority-circle", "authority", 4)
    team = head.format(id="team", base="authority") + textwrap.dedent(
        """
        [layout]
        hide_prompts = ["cards.song", "cards.animal"]

        [[add_prompts]]
        tool = "scaling"
        id = "team.scaling.school"
        kind = "scale"
        wording = "How are things at school?"

        [[reword_tool]]
        tool = "genogram"
        name = "Family map"
        """
    )
    other = head.format(id="other", base="core") + "".join(
        tool(f"other-{n}", "other", 5) for n in range(10)
    )
    for name, text in (("authority", authority), ("team", team), ("other", other)):
        (folder / f"{name}.toml").write_text(text, encoding="utf-8")


def summary(label: str, values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return f"{label:<11} median {statistics.median(ordered):7.2f} ms   p95 {p95:7.2f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=50)
    runs = parser.parse_args().runs

    with tempfile.TemporaryDirectory() as name:
        overlays = Path(name)
        write_overlays(overlays)
        dirs = [str(ROOT / "toolpacks"), str(overlays)]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *sys.path])}

        imports: list[float] = []
        cold: list[float] = []
        for _ in range(runs):
            out = subprocess.run(
                [sys.executable, "-c", CHILD, *dirs],
                capture_output=True,
                text=True,
                check=True,
                env=env,
            )
            result = json.loads(out.stdout)
            imports.append(result["import"])
            cold.append(result["cold"])

        sys.path.insert(0, str(ROOT / "src"))
        from sessionkit.toolpacks import load_catalog

        paths = [Path(d) for d in dirs]
        load_catalog(paths)  # build the validators once
        warm: list[float] = []
        for _ in range(runs):
            start = time.perf_counter()
            catalog = load_catalog(paths)
            for pack_id in catalog.pack_ids():
                catalog.resolve(pack_id)
            warm.append((time.perf_counter() - start) * 1000)
        tools = len(catalog.resolve("other").tools)

    print(f"bundled core + 3 overlays (the largest resolves to {tools} tools), {runs} runs")
    print(summary("import", imports))
    print(summary("cold load", cold))
    print(summary("warm load", warm))
    verdict = "within" if statistics.median(cold) < BUDGET_MS else "OVER"
    print(f"cold load median is {verdict} the {BUDGET_MS:.0f} ms budget")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
