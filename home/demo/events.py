"""The demo network's events, in our own words.

Two happened on fixed dates that the demo stories report on; the others are placed
relative to the day the demo is loaded, so the events page always has something coming
up. Together they use every field: each format, whole days, another time zone, a
deadline that has passed and one still open, a postponed and a cancelled event.
"""

import datetime

from .content import _h, _list, _p

EXAMPLE_MEETING = "https://meet.example.org/"


def events(today: datetime.date) -> list[dict]:
    def days(n: int) -> datetime.date:
        return today + datetime.timedelta(days=n)

    return [
        {
            "slug": "permanet-online-clustering-session",
            "title": "PERMANET online clustering session: barriers and opportunities",
            "summary": "Seven projects on permanent magnets compare what holds back a European "
            "value chain and where working together pays off.",
            "hero": 0,
            "hero_alt": "A red and white bar magnet surrounded by white field lines "
            "on a blue background.",
            "all_day": False,
            "start": (datetime.date(2026, 3, 25), datetime.time(10, 0)),
            "end": (datetime.date(2026, 3, 25), datetime.time(12, 30)),
            "time_zone": "Europe/Brussels",
            "format": "online",
            "online_url": EXAMPLE_MEETING + "permanet-clustering",
            "registration_url": "https://forms.example.org/permanet-clustering",
            "registration_deadline": datetime.date(2026, 3, 23),
            "status": "scheduled",
            "categories": ["clustering"],
            "projects": ["permanet", "remhub", "reesilience", "susmagpro", "repromag"],
            "tags": ["clustering", "value chain"],
            "stories": ["permanet-clustering-session-barriers-and-opportunities"],
            "body": [
                _p(
                    "PERMANET invites REMHub, REEsilience, SUSMAGPRO, REProMag, GREENE and "
                    "SICAPERMA to a two-and-a-half-hour online session."
                ),
                _h("Agenda"),
                _list(
                    [
                        "Each project in five minutes: aims, results so far, open questions.",
                        "Break-out rooms on cost, fragmentation, scale-up and regulation.",
                        "Back together: where joint work pays off, and who takes it forward.",
                    ],
                    ordered=True,
                ),
            ],
        },
        {
            "slug": "passenger-final-conference",
            "title": "PASSENGER final conference at the Mercedes-Benz Museum",
            "summary": "Two days on alternatives to rare-earth magnets, held with EIT "
            "RawMaterials as part of the SIGN event in Stuttgart.",
            "hero": 1,
            "hero_alt": "A bar magnet with white field lines on a purple and pink background.",
            "all_day": False,
            "start": (datetime.date(2025, 10, 29), datetime.time(9, 0)),
            "end": (datetime.date(2025, 10, 30), datetime.time(16, 30)),
            "time_zone": "Europe/Berlin",
            "format": "in-person",
            "venue": ("Mercedes-Benz Museum", "Mercedesstraße 100", "Stuttgart", "Germany"),
            "registration_url": "https://www.passenger-project.eu/",
            "registration_deadline": datetime.date(2025, 10, 20),
            "status": "scheduled",
            "categories": ["events", "research"],
            "projects": ["passenger"],
            "tags": ["final conference", "rare-earth-free magnets"],
            "stories": ["passenger-final-conference-stuttgart"],
            "body": [
                _p(
                    "After four years of work on strontium-ferrite magnets, PASSENGER presents "
                    "its results to industry, researchers and policy makers."
                ),
                _h("Programme"),
                _list(
                    [
                        "Day one: the project's pilot lines, from powder to magnet.",
                        "Day two: applications in e-bikes and automotive parts, and a panel "
                        "on Europe's magnet supply.",
                    ]
                ),
            ],
        },
        {
            "slug": "workshop-sustainability-assessments",
            "title": "Workshop: one method for sustainability assessments of magnets",
            "summary": "A hybrid afternoon in Brussels to agree how the projects assess the "
            "environmental footprint of recycled and primary magnets.",
            "hero": 2,
            "hero_alt": "A green gradient with a bar magnet at its centre and concentric "
            "field lines.",
            "all_day": False,
            "start": (days(30), datetime.time(14, 0)),
            "end": (days(30), datetime.time(17, 30)),
            "time_zone": "Europe/Brussels",
            "format": "hybrid",
            "venue": ("Fondation Universitaire", "Rue d'Egmont 11", "Brussels", "Belgium"),
            "online_url": EXAMPLE_MEETING + "assessment-workshop",
            "registration_url": "https://forms.example.org/assessment-workshop",
            "registration_deadline": days(25),
            "status": "scheduled",
            "categories": ["research", "clustering"],
            "projects": ["susmagpro", "permanet", "greene"],
            "tags": ["life cycle assessment", "circularity"],
            "stories": ["aligning-sustainability-assessments"],
            "body": [
                _p(
                    "Life-cycle assessments from different projects only add up when they "
                    "share boundaries, data and assumptions. This workshop drafts a common "
                    "method. Join in the room or online; places in the room are limited."
                ),
            ],
        },
        {
            "slug": "summer-school-magnet-recycling",
            "title": "Summer school on rare-earth magnet recycling",
            "summary": "Three days of lectures and laboratory visits for doctoral students "
            "and young engineers.",
            "hero": 3,
            "hero_alt": "A bar magnet with field lines on an amber background.",
            "all_day": True,
            "start": (days(60), None),
            "end": (days(62), None),
            "time_zone": "Europe/Ljubljana",
            "format": "in-person",
            "venue": ("Jožef Stefan Institute", "Jamova cesta 39", "Ljubljana", "Slovenia"),
            "registration_url": "https://forms.example.org/summer-school",
            "status": "scheduled",
            "categories": ["recycling", "events"],
            "projects": ["susmagpro", "remhub"],
            "tags": ["skills", "recycling"],
            "body": [
                _p(
                    "Mornings of lectures on hydrogen processing, re-sintering and quality "
                    "control; afternoons in the laboratories. Accommodation is arranged for "
                    "participants."
                ),
            ],
        },
        {
            "slug": "webinar-magnet-to-magnet-recycling",
            "title": "Webinar: magnet-to-magnet recycling at industrial scale",
            "summary": "Cancelled: the speakers could not take part. The topic returns in the "
            "summer school.",
            "hero": 4,
            "hero_alt": "A bar magnet with field lines on a slate-grey background.",
            "all_day": False,
            "start": (days(14), datetime.time(15, 0)),
            "end": (days(14), datetime.time(16, 0)),
            "time_zone": "Europe/Brussels",
            "format": "online",
            "online_url": EXAMPLE_MEETING + "recycling-webinar",
            "status": "cancelled",
            "categories": ["recycling"],
            "projects": ["remhub"],
            "tags": ["recycling"],
            "body": [_p("This webinar will not take place. We apologise to everyone registered.")],
        },
        {
            "slug": "transatlantic-webinar-wind-turbine-magnets",
            "title": "Transatlantic webinar: magnets from wind turbines",
            "summary": "Postponed to a date to be announced: European and North American "
            "researchers on recovering magnets from decommissioned turbines.",
            "hero": 2,
            "hero_alt": "A green gradient with a bar magnet at its centre and concentric "
            "field lines.",
            "all_day": False,
            "start": (days(45), datetime.time(11, 0)),
            "end": (days(45), datetime.time(12, 30)),
            "time_zone": "America/New_York",
            "format": "online",
            "online_url": EXAMPLE_MEETING + "wind-turbine-magnets",
            "status": "postponed",
            "categories": ["recycling", "research"],
            "projects": ["reesilience"],
            "tags": ["wind energy", "recycling"],
            "body": [
                _p(
                    "Hosted from New York in the morning there, the early evening in Europe. "
                    "A new date follows."
                )
            ],
        },
    ]
