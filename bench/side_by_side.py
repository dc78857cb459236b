"""SQLite and PostgreSQL side by side at the top of docs/performance.md.

Each bench keeps the figures both measure (a cold read as after a publish, best of several
runs, in-process) in `docs/figures/<engine>.json`, with its machine and date; whichever
bench ran last rewrites the table from both files, so a figure is never copied by hand
and each column says when and where it was measured.
"""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ROOT / "docs" / "figures"
DOCUMENT = ROOT / "docs" / "performance.md"
START, END = "<!-- side by side: bench/side_by_side.py -->", "<!-- end of side by side -->"
ENGINES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
ROWS = {
    "feed_cold": "news feed",
    "stock_feed_cold": "stock Django syndication feed",
    "api_listing_20_cold": "API listing, fields=* limit 20",
    "stock_api_listing_20": "stock Wagtail API listing, same query",
    "api_detail_cold": "API detail",
    "api_detail_1000_blocks_cold": "API detail, 1,000-block body",
    "calendar_cold": "site calendar (200 events)",
}


def save_figures(engine: str, results: dict[int, dict], machine: str) -> None:
    """Keep this engine's shared figures: {size: {row: {ms, queries}}}, and where."""
    FIGURES.mkdir(parents=True, exist_ok=True)
    sizes = {
        str(size): {
            key: {"ms": figures[key]["ms"], "queries": figures[key]["queries"]}
            for key in ROWS
            if key in figures
        }
        for size, figures in sorted(results.items())
    }
    (FIGURES / f"{engine}.json").write_text(
        json.dumps({"machine": machine, "sizes": sizes}, indent=1) + "\n"
    )


def table() -> str:
    """The rows both benches measure, a column per engine and size (ms / queries)."""
    saved = {
        engine: json.loads(path.read_text())
        for engine in ENGINES
        if (path := FIGURES / f"{engine}.json").exists()
    }
    columns = [
        (ENGINES[engine], int(size), figures)
        for engine, data in saved.items()
        for size, figures in data["sizes"].items()
    ]
    lines = [
        "| cold (as after a publish): ms / queries | "
        + " | ".join(f"{engine}, {size:,} stories" for engine, size, _ in columns)
        + " |",
        "|---|" + "---|" * len(columns),
    ]
    for key, label in ROWS.items():
        cells = [
            f"{figures[key]['ms']} / {figures[key]['queries']}" if key in figures else "—"
            for _, _, figures in columns
        ]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines.append("")
    lines += [f"{ENGINES[engine]}: {data['machine']}." for engine, data in saved.items()]
    return "\n".join(lines)


def update(document: Path = DOCUMENT) -> None:
    """Put the table after the document's first paragraph (or where it stood before)."""
    text = document.read_text()
    section = f"{START}\n\n{table()}\n\n{END}"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        text = before + section + rest.split(END, 1)[1]
    else:
        title, intro, rest = text.split("\n\n", 2)
        text = f"{title}\n\n{intro}\n\n{section}\n\n{rest}"
    document.write_text(text)
