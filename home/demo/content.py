"""The demo network: categories, projects, the CRMs4EU cluster and stories in our own words.

Body paragraphs may contain `{page:slug}` placeholders that the loader turns into
internal page links once every story exists.
"""

import datetime

CATEGORIES = [
    (
        "Clustering",
        "clustering",
        "Projects working together: joint sessions, shared work.",
    ),
    ("Events", "events", "Conferences, workshops and webinars across the network."),
    ("Policy", "policy", "Regulation and policy input on critical raw materials."),
    ("Research", "research", "Results and methods from the projects' research."),
    (
        "Recycling",
        "recycling",
        "Recovering magnets and rare earths from end-of-life products.",
    ),
]

CLUSTER = {
    "name": "CRMs4EU",
    "slug": "crms4eu",
    "description": "A cluster created by PASSENGER that brings together 17 EU-funded projects "
    "on critical raw materials and permanent magnets.",
}

# (acronym, slug, name, programme, website, description, in CRMs4EU)
PROJECTS = [
    (
        "PERMANET",
        "permanet",
        "PERMANET",
        "horizon-europe",
        "",
        "Works on a resilient European value chain for permanent magnets.",
        True,
    ),
    (
        "PASSENGER",
        "passenger",
        "PASSENGER",
        "horizon-2020",
        "https://www.passenger-project.eu/",
        "Developed alternatives to rare-earth magnets and founded the CRMs4EU cluster.",
        True,
    ),
    (
        "REMHub",
        "remhub",
        "REMHub",
        "horizon-europe",
        "",
        "A hub for rare-earth magnet recycling and manufacturing know-how.",
        True,
    ),
    (
        "REEsilience",
        "reesilience",
        "REEsilience",
        "horizon-europe",
        "",
        "Strengthens the resilience of the European rare-earth magnet supply chain.",
        True,
    ),
    (
        "SUSMAGPRO",
        "susmagpro",
        "SUSMAGPRO",
        "horizon-2020",
        "",
        "Sustainable recovery, reprocessing and reuse of rare-earth magnets.",
        True,
    ),
    (
        "REProMag",
        "repromag",
        "REProMag",
        "horizon-2020",
        "",
        "Resource-efficient production routes for rare-earth magnets.",
        True,
    ),
    (
        "GREENE",
        "greene",
        "GREENE",
        "horizon-europe",
        "",
        "Greener processes for the magnet and raw-materials value chain.",
        True,
    ),
    (
        "SICAPERMA",
        "sicaperma",
        "SICAPERMA",
        "horizon-europe",
        "",
        "Research on permanent magnets with less critical material content.",
        True,
    ),
]

IMAGE_TITLES = [
    "Field lines around a bar magnet (blue)",
    "Field lines around a bar magnet (magenta)",
    "Field lines around a bar magnet (green)",
    "Field lines around a bar magnet (amber)",
    "Field lines around a bar magnet (slate)",
]

# Stored on each demo picture in the image library: every use of it shows this credit.
IMAGE_CREDIT = "Magnet Network demo artwork"

DOCUMENT_TITLE = "Clustering session summary (PDF)"


def _p(*paragraphs: str) -> dict:
    return {
        "type": "paragraph",
        "value": "".join(f"<p>{text}</p>" for text in paragraphs),
    }


def _h(text: str, level: str = "h2") -> dict:
    return {"type": "heading", "value": {"text": text, "level": level}}


def _list(items: list[str], ordered: bool = False) -> dict:
    tag = "ol" if ordered else "ul"
    body = "".join(f"<li>{item}</li>" for item in items)
    return {"type": "paragraph", "value": f"<{tag}>{body}</{tag}>"}


def _quote(text: str, attribution: str = "") -> dict:
    return {"type": "quote", "value": {"text": text, "attribution": attribution}}


def _image(index: int, alt: str, caption: str = "", credit: str = "") -> dict:
    return {
        "type": "image",
        "value": {
            "image": f"@image:{index}",
            "alt_text": alt,
            "caption": caption,
            "credit": credit,
        },
    }


def _cta(label: str, *, url: str = "", page: str = "") -> dict:
    return {
        "type": "call_to_action",
        "value": {"label": label, "url": url, "page": page and f"@page:{page}"},
    }


def _embed(url: str, title: str) -> dict:
    return {"type": "embed", "value": {"url": url, "title": title}}


def _document(title: str = "") -> dict:
    return {"type": "document", "value": {"document": "@document", "title": title}}


STORIES = [
    {
        "slug": "permanet-clustering-session-barriers-and-opportunities",
        "title": "PERMANET clustering session maps the barriers and opportunities "
        "for Europe's magnet makers",
        "date": datetime.date(2026, 3, 30),
        "summary": "Seven projects met online on 25 March to compare notes on what holds back a "
        "European permanent-magnet value chain, and where working together pays off.",
        "hero": 0,
        "hero_alt": "A red and white bar magnet surrounded by white field lines "
        "on a blue background.",
        "hero_caption": "Seven projects, one value chain.",
        "categories": ["clustering", "recycling"],
        "projects": [
            "permanet",
            "remhub",
            "reesilience",
            "susmagpro",
            "repromag",
            "greene",
            "sicaperma",
        ],
        "tags": ["clustering", "circularity", "value chain"],
        "body": [
            _p(
                "On 25 March 2026 <b>PERMANET</b> invited REMHub, REEsilience, SUSMAGPRO, "
                "REProMag, GREENE and SICAPERMA to an online clustering session. The aim was "
                "simple: find out which obstacles the projects share and what they could do "
                "better together than apart."
            ),
            _h("Four barriers came up again and again"),
            _list(
                [
                    "<b>Cost.</b> Magnets and materials made in Europe find it hard to compete on "
                    "price with imports.",
                    "<b>Fragmentation.</b> Many actors, each covering one step, with few links "
                    "between them.",
                    "<b>Scale-up.</b> Moving from pilot lines to industrial volumes is slow "
                    "and costly.",
                    "<b>Regulation.</b> Rules that make circular solutions, such as reusing "
                    "recovered material, harder than they need to be.",
                ],
                ordered=True,
            ),
            _image(
                2,
                "A green gradient with a bar magnet at its centre and concentric field lines.",
                "Recovered magnet material still has to compete with primary imports.",
                "Network illustration",
            ),
            _h("Where working together helps"),
            _p(
                "The participants agreed on four areas for joint work: dissemination that "
                "speaks with one voice, methods and data that line up (sustainability "
                "assessments were the first example), coordinated input to policy makers, and "
                "shared work on education and skills. Read more about the "
                "{page:aligning-sustainability-assessments} effort on assessments."
            ),
            _quote(
                "Recycling is essential, but recycling alone will not cover Europe's demand "
                "for permanent magnets.",
                "A conclusion shared by the participants",
            ),
            _h("What comes next", "h3"),
            _p(
                "The projects will follow up with working meetings on each of the four areas. "
                "A short written summary of the session is available below."
            ),
            _document("Summary of the 25 March clustering session"),
            _embed(
                "https://www.passenger-project.eu/",
                "The CRMs4EU cluster on the PASSENGER website",
            ),
            _cta("Browse all clustering news", page="news-index"),
        ],
    },
    {
        "slug": "passenger-final-conference-stuttgart",
        "title": "PASSENGER closes with a final conference at the Mercedes-Benz Museum",
        "date": datetime.date(2025, 11, 4),
        "summary": "More than 150 people joined the Horizon 2020 project's final conference in "
        "Stuttgart on 29–30 October 2025, held with EIT RawMaterials at the SIGN event.",
        "hero": 1,
        "hero_alt": "A bar magnet with white field lines on a purple and pink background.",
        "hero_caption": "The final conference was part of the SIGN event in Stuttgart.",
        "categories": ["events"],
        "projects": ["passenger"],
        "tags": ["conference", "rare-earth-free magnets", "Critical Raw Materials Act"],
        "body": [
            _p(
                "The Horizon 2020 project <b>PASSENGER</b> held its final conference on 29 and "
                "30 October 2025 at the Mercedes-Benz Museum in Stuttgart. It was co-organised "
                "with EIT RawMaterials as part of the Strategic Impact Group Network (SIGN) event "
                "and brought together more than 150 participants."
            ),
            _h("Topics on the agenda"),
            _list(
                [
                    "The Critical Raw Materials Act and what it asks of industry",
                    "Permanent magnets that do without rare earths",
                    "How results from EU projects reach the market",
                ]
            ),
            _quote(
                "A conference is where a project's results start their second life.",
                "An organiser, closing the first day",
            ),
            _image(1, "A bar magnet drawn in red and white on a magenta gradient."),
            _p(
                "PASSENGER also leaves behind the <i>CRMs4EU</i> cluster, which now links 17 "
                "EU-funded projects: see {page:crms4eu-cluster-17-projects}."
            ),
            _cta("Visit the PASSENGER website", url="https://www.passenger-project.eu/"),
        ],
    },
    {
        "slug": "crms4eu-cluster-17-projects",
        "title": "CRMs4EU: seventeen EU-funded projects, one cluster",
        "date": datetime.date(2025, 10, 20),
        "summary": "Created by PASSENGER, the CRMs4EU cluster brings together 17 EU-funded "
        "projects on critical raw materials and permanent magnets.",
        "hero": 4,
        "hero_alt": "A bar magnet on a dark grey gradient with white field lines.",
        "hero_caption": "",
        "categories": ["clustering"],
        "projects": ["passenger", "permanet", "susmagpro", "repromag"],
        "tags": ["CRMs4EU", "clustering"],
        "body": [
            _p(
                "Research projects end; the questions they work on do not. The CRMs4EU cluster, "
                "started by PASSENGER, gives 17 EU-funded projects on critical raw materials and "
                "permanent magnets a common place to share results, events and contacts."
            ),
            _h("Why a cluster"),
            _p(
                "Projects that run in parallel often meet the same industrial partners, the "
                "same policy makers and the same questions. A cluster lets them answer once and "
                "build on each other's results."
            ),
            _quote("Seventeen projects can be heard where one would not."),
            _cta("See all updates from the network", page="news-index"),
        ],
    },
    {
        "slug": "critical-raw-materials-act-magnet-projects",
        "title": "What the Critical Raw Materials Act means for magnet projects",
        "date": datetime.date(2026, 1, 15),
        "summary": "A short guide for research projects to the parts of the EU's Critical Raw "
        "Materials Act that touch permanent magnets.",
        "hero": 3,
        "hero_alt": "A bar magnet on an amber and brown gradient with field lines.",
        "hero_caption": "Rare-earth elements used in magnets are on the EU's critical list.",
        "categories": ["policy"],
        "projects": ["reesilience", "passenger"],
        "tags": ["Critical Raw Materials Act", "policy"],
        "body": [
            _p(
                "The EU's Critical Raw Materials Act sets out to make supply chains for "
                "strategic materials more secure, and rare-earth elements for permanent "
                "magnets are among them."
            ),
            _h("Points that matter to projects"),
            _list(
                [
                    "Benchmarks for extraction, processing and recycling inside the EU",
                    "Limits on dependence on any single country outside the EU",
                    "Strategic projects that can benefit from faster permitting",
                ]
            ),
            _p(
                "Magnet recycling and substitution research speak directly to these goals. "
                "See also how the network views {page:recycling-alone-will-not-meet-demand}."
            ),
            _quote(
                "Policy input is stronger when projects bring aligned evidence.",
                "From the PERMANET clustering session",
            ),
        ],
    },
    {
        "slug": "recycling-alone-will-not-meet-demand",
        "title": "Recycling alone will not meet demand",
        "date": datetime.date(2026, 4, 8),
        "summary": "Why the network pairs magnet recycling with new production routes and "
        "magnets that need fewer critical materials.",
        "hero": 2,
        "hero_alt": "A magnet with field lines on a green background.",
        "hero_caption": "",
        "categories": ["recycling", "research"],
        "projects": ["susmagpro", "remhub", "sicaperma"],
        "tags": ["circularity", "rare-earth-free magnets"],
        "body": [
            _p(
                "Demand for permanent magnets grows with electric vehicles, wind turbines and "
                "electronics. Magnets coming back from end-of-life products today were made "
                "years ago, in smaller numbers."
            ),
            _h("Three routes at once"),
            _list(
                [
                    "Recover and reprocess magnets",
                    "Produce new magnets more efficiently",
                    "Reduce the critical content of magnets",
                ],
                ordered=True,
            ),
            _image(3, "An amber gradient with a red and white bar magnet."),
            _quote("Every route is needed; none is enough on its own."),
        ],
    },
    {
        "slug": "aligning-sustainability-assessments",
        "title": "Aligning sustainability assessments across projects",
        "date": datetime.date(2026, 4, 22),
        "summary": "Projects agreed to line up their methods and data for sustainability "
        "assessments, so results can be compared and combined.",
        "hero": 0,
        "hero_alt": "A bar magnet with field lines on a blue gradient.",
        "hero_caption": "",
        "categories": ["research", "clustering"],
        "projects": ["permanet", "greene"],
        "tags": ["sustainability", "data"],
        "body": [
            _p(
                "When each project assesses its environmental impact its own way, the numbers "
                "cannot be put side by side. Aligned methods and shared data fix that."
            ),
            _h("First steps"),
            _list(
                [
                    "Agree on system boundaries",
                    "Share inventory data where possible",
                    "Publish assumptions with results",
                ]
            ),
            _document(),
        ],
    },
    {
        "slug": "skills-for-magnet-value-chains",
        "title": "A shared agenda for skills and education",
        "date": datetime.date(2026, 5, 6),
        "summary": "Building a European magnet industry needs people trained for it; the "
        "projects plan joint education and skills work.",
        "hero": 4,
        "hero_alt": "A bar magnet on a slate grey gradient.",
        "hero_caption": "",
        "categories": ["clustering"],
        "projects": ["permanet", "reesilience"],
        "tags": ["skills", "education"],
        "body": [
            _p(
                "From metallurgy to recycling logistics, a European magnet value chain needs "
                "skills that are scarce today. Projects will pool training material and open "
                "their summer schools to each other."
            ),
            _cta("Learn about the CRMs4EU cluster", page="crms4eu-cluster-17-projects"),
        ],
    },
    {
        "slug": "scaling-up-from-pilot-lines",
        "title": "Scaling up from pilot lines: the hardest step",
        "date": datetime.date(2026, 6, 2),
        "summary": "Pilot lines prove a process works; industrial volumes prove it pays. "
        "Projects compare what helps them cross that gap.",
        "hero": 3,
        "hero_alt": "A bar magnet drawn on an amber background.",
        "hero_caption": "",
        "categories": ["research"],
        "projects": ["repromag", "susmagpro", "remhub"],
        "tags": ["scale-up", "value chain"],
        "body": [
            _h("From kilograms to tonnes"),
            _p(
                "Moving from a pilot line to production means new equipment, new partners and "
                "new money, usually all at once."
            ),
            _quote("The technology is ready before the business case is."),
        ],
    },
    {
        "slug": "joint-dissemination-one-voice",
        "title": "Joint dissemination: telling the network's story with one voice",
        "date": datetime.date(2026, 6, 18),
        "summary": "This news hub, its feeds and its API are how the network's projects share "
        "their updates with each other and with everyone else.",
        "hero": 1,
        "hero_alt": "A bar magnet on a magenta gradient.",
        "hero_caption": "",
        "categories": ["clustering"],
        "projects": ["permanet", "passenger"],
        "tags": ["dissemination", "CRMs4EU"],
        "body": [
            _p(
                "Each project's updates appear here, in feeds per category, tag and project, "
                "so partner sites and the CRMs4EU portal can pick up exactly what they need."
            ),
            _cta("Browse every update", page="news-index"),
        ],
    },
]
