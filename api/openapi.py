"""`/api/v2/openapi.json`: the OpenAPI 3.1 description of the public API.

Built from the code where the code knows: the story filters from the filter languages'
parsers (`news.filters`, `events.filters`), the orderings from the read paths, the body
blocks from `NewsBodyBlock` (each block declares its `api_schema`), the limits from
settings. The shapes of pages, media and taxonomy are written here once; the test suite
validates every API response it receives against this document.
"""

from functools import lru_cache

from django.conf import settings

from events import filters as event_filters
from news import filters as news_filters
from news.blocks import NewsBodyBlock
from newsletter.topics import MAX_TOPICS

from .guards import MAX_OFFSET
from .pages import EVENTS, NEWS

REF = "#/components/schemas/"
URI = {"type": "string", "format": "uri"}
DATE_TIME = {"type": "string", "format": "date-time"}
NULLABLE_URI = {"type": ["string", "null"], "format": "uri"}

# What each parser of the filter languages accepts, as a schema.
PARSER_SCHEMAS = {
    news_filters.parse_slug: {"type": "string", "pattern": "^[-a-zA-Z0-9_]{1,100}$"},
    news_filters.parse_date: {"type": "string", "format": "date"},
    news_filters.parse_search: {"type": "string", "maxLength": 2000},
    event_filters.parse_flag: {"type": "string", "enum": ["true", "false", "1", "0"]},
    event_filters.parse_format: {"type": "string", "enum": list(event_filters.FORMATS)},
}
FILTER_DESCRIPTIONS = {
    "category": "Slug of a category.",
    "tag": "Slug of a tag.",
    "project": "Slug of a partner project.",
    "date_from": "First day (inclusive).",
    "date_to": "Last day (inclusive).",
    "search": "Words to find (plain words; any text is accepted, its first 12 words count).",
    "upcoming": "Events that have not ended (events only).",
    "past": "Events that have ended (events only; not with upcoming=true).",
    "starts_after": "Events starting on or after this day (events only).",
    "starts_before": "Events starting on or before this day (events only).",
    "format": "Events of this format (events only). `json` chooses the (JSON) renderer.",
}


def _ref(name: str) -> dict:
    return {"$ref": REF + name}


def _param(name: str, schema: dict, description: str = "", *, where: str = "query") -> dict:
    parameter = {"name": name, "in": where, "schema": schema}
    if description:
        parameter["description"] = description
    if where == "path":
        parameter["required"] = True
    return parameter


def _filter_parameters() -> list[dict]:
    parsers = {**news_filters.PARSERS, **event_filters.PARSERS}
    allowed = NEWS.parameters | EVENTS.parameters | {"search"}
    parameters = []
    for name in sorted(allowed):
        schema = dict(PARSER_SCHEMAS[parsers[name]])
        if name == "format":
            schema["enum"] = [*schema["enum"], "json"]
        parameters.append(_param(name, schema, FILTER_DESCRIPTIONS.get(name, "")))
    return parameters


def _paging() -> list[dict]:
    return [
        _param(
            "limit",
            {
                "type": "integer",
                "minimum": 1,
                "maximum": settings.WAGTAILAPI_LIMIT_MAX,
                "default": 20,
            },
            "Items per answer.",
        ),
        _param(
            "offset",
            {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0},
            "Items to skip.",
        ),
    ]


def _fields() -> dict:
    return _param(
        "fields",
        {"type": "string", "maxLength": 1000},
        "Fields to include, Wagtail's syntax: `*`, `title,date`, `-body`.",
    )


def _errors(*statuses: int) -> dict:
    descriptions = {
        400: "A parameter cannot be used; `message` names it.",
        404: "Nothing public here.",
        429: "Too many requests; see Retry-After.",
    }
    return {
        str(status): {
            "description": descriptions[status],
            "content": {"application/json": {"schema": _ref("Error")}},
        }
        for status in statuses
    }


def _json(schema: dict, description: str = "OK") -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _listing(item: str) -> dict:
    return {
        "type": "object",
        "required": ["meta", "items"],
        "properties": {
            "meta": {
                "type": "object",
                "required": ["total_count", "next", "previous"],
                "properties": {
                    "total_count": {"type": "integer", "minimum": 0},
                    "next": {
                        "type": ["string", "null"],
                        "format": "uri",
                        "description": "The next page of this listing (same parameters, "
                        "`offset` moved on by `limit`); null on the last page.",
                    },
                    "previous": {
                        "type": ["string", "null"],
                        "format": "uri",
                        "description": "The previous page; null on the first.",
                    },
                },
            },
            "items": {"type": "array", "items": _ref(item)},
        },
    }


def _block_schemas() -> tuple[dict, dict]:
    """Each body block as {type, id, value}, and the union of them by `type`."""
    schemas, mapping = {}, {}
    for name, block in NewsBodyBlock().child_blocks.items():
        schema_name = "Block_" + name
        schemas[schema_name] = {
            "type": "object",
            "required": ["type", "id", "value"],
            "properties": {
                "type": {"const": name},
                "id": {"type": ["string", "null"]},
                "value": block.api_schema,
            },
        }
        mapping[name] = REF + schema_name
    union = {
        "oneOf": [{"$ref": ref} for ref in mapping.values()],
        "discriminator": {"propertyName": "type", "mapping": mapping},
    }
    return schemas, union


def _components() -> dict:
    blocks, body_block = _block_schemas()
    rendition = {
        "type": "object",
        "required": ["url", "width", "height"],
        "properties": {"url": URI, "width": {"type": "integer"}, "height": {"type": "integer"}},
    }
    named = {
        "type": "object",
        "required": ["name", "slug"],
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "slug": {"type": "string"},
        },
    }
    project = {
        "type": "object",
        "required": ["acronym", "name", "slug"],
        "properties": {
            "acronym": {"type": "string"},
            "name": {"type": "string"},
            "slug": {"type": "string"},
            "id": {"type": "integer"},
            "website": {"type": "string"},
            "funding": {"type": "string", "description": "EU funding acknowledgement"},
        },
    }
    feed_link = {
        "type": "object",
        "required": ["format", "mime_type", "title", "url"],
        "properties": {
            "format": {"type": "string"},
            "mime_type": {"type": "string"},
            "title": {"type": "string"},
            "url": URI,
            "webcal": {"type": "string"},
        },
    }
    page_meta = {
        "type": "object",
        "required": ["type", "detail_url"],
        "properties": {
            "type": {"type": "string", "examples": ["news.NewsPage", "events.EventPage"]},
            "detail_url": URI,
            "html_url": NULLABLE_URI,
            "slug": {"type": "string"},
            "first_published_at": {"type": ["string", "null"], "format": "date-time"},
            "show_in_menus": {"type": "boolean"},
            "seo_title": {"type": "string"},
            "search_description": {"type": "string"},
            "alias_of": {"type": ["object", "null"]},
            "parent": {"type": ["object", "null"]},
            "locale": {"type": "string"},
        },
    }
    story_fields = {
        "title": {"type": "string"},
        "summary": {"type": "string"},
        "last_published_at": {"type": ["string", "null"], "format": "date-time"},
        "hero_image": {"oneOf": [_ref("Image"), {"type": "null"}]},
        "body": {"type": "array", "items": _ref("BodyBlock")},
        "categories": {"type": "array", "items": _ref("Named")},
        "tags": {"type": "array", "items": _ref("Named")},
        "projects": {"type": "array", "items": _ref("ProjectRef")},
    }
    news_fields = {
        **story_fields,
        "date": {"type": "string", "format": "date"},
        "event": {
            "oneOf": [
                {
                    "type": "object",
                    "required": ["id", "url"],
                    "properties": {"id": {"type": "integer"}, "url": URI},
                },
                {"type": "null"},
            ]
        },
        "feeds": {"type": "array", "items": {"type": "object"}},
    }
    event_fields = {
        **story_fields,
        "start": {"type": ["string", "null"], "description": "ISO 8601 with offset, or a date"},
        "end": {"type": ["string", "null"], "description": "ISO 8601 with offset, or a date"},
        "time_zone": {"type": "string"},
        "all_day": {"type": "boolean"},
        "format": {"enum": list(event_filters.FORMATS)},
        "status": {"enum": ["scheduled", "postponed", "cancelled"]},
        "venue": {
            "type": ["object", "null"],
            "properties": {k: {"type": "string"} for k in ("name", "address", "city", "country")},
        },
        "online_url": NULLABLE_URI,
        "registration": {
            "type": ["object", "null"],
            "properties": {
                "url": URI,
                "deadline": {"type": ["string", "null"], "format": "date"},
                "open": {"type": "boolean"},
            },
        },
        "stories": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "title", "url"],
                "properties": {"id": {"type": "integer"}, "title": {"type": "string"}, "url": URI},
            },
        },
        "calendar": feed_link,
    }

    def page(fields: dict, required: list[str] = ()) -> dict:
        return {
            "type": "object",
            "required": ["id", "meta", *required],
            "properties": {"id": {"type": "integer"}, "meta": _ref("PageMeta"), **fields},
        }

    def by_type(type_name: str, schema_name: str) -> dict:
        return {
            "if": {"properties": {"meta": {"properties": {"type": {"const": type_name}}}}},
            "then": _ref(schema_name),
        }

    media_meta = {
        "type": "object",
        "required": ["type", "detail_url"],
        "properties": {
            "type": {"type": "string"},
            "detail_url": URI,
            "tags": {"type": "array", "items": {"type": "string"}},
            "download_url": {**URI, "description": "The file, absolute on the site's root."},
        },
    }
    river_entry = {
        "type": "object",
        "required": ["type", "id", "title", "url", "published", "source", "projects"],
        "properties": {
            "type": {"enum": ["news.NewsPage", "network.NetworkItem"]},
            "id": {"type": "string"},
            "page_id": {"type": ["integer", "null"]},
            "title": {"type": "string"},
            "url": URI,
            "summary": {"type": "string"},
            "published": DATE_TIME,
            "updated": DATE_TIME,
            "source": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string"},
                    "url": NULLABLE_URI,
                    "feed_url": NULLABLE_URI,
                },
            },
            "projects": {"type": "array", "items": _ref("ProjectRef")},
            "categories": {"type": "array", "items": {"type": "string"}},
        },
    }
    return {
        "schemas": {
            "ApiIndex": API_INDEX,
            "Error": {
                "type": "object",
                "required": ["message"],
                "properties": {"message": {"type": "string"}},
            },
            "Rendition": rendition,
            "Image": {
                "type": "object",
                "required": ["id", "title", "width", "height", "renditions"],
                "properties": {
                    "id": {"type": "integer"},
                    "title": {"type": "string"},
                    "width": {"type": "integer"},
                    "height": {"type": "integer"},
                    "renditions": {"type": "object", "additionalProperties": _ref("Rendition")},
                    "alt": {"type": "string"},
                    "caption": {"type": "string"},
                    "credit": {"type": "string"},
                },
            },
            "Document": {
                "type": "object",
                "required": ["id", "title", "url", "file_extension", "file_size", "mime_type"],
                "properties": {
                    "id": {"type": "integer"},
                    "title": {"type": "string"},
                    "url": URI,
                    "file_extension": {"type": "string"},
                    "file_size": {
                        "type": ["integer", "null"],
                        "minimum": 0,
                        "description": 'Bytes, for "PDF, 1.2 MB" beside a link; null '
                        "until measured (on upload, or when a story using it is published).",
                    },
                    "mime_type": {"type": "string", "examples": ["application/pdf"]},
                },
            },
            "Named": named,
            "ProjectRef": project,
            "FeedLink": feed_link,
            "BodyBlock": body_block,
            **blocks,
            "PageMeta": page_meta,
            "NewsPage": page(news_fields, ["title", "date", "summary", "body"]),
            "EventPage": page(event_fields, ["title", "start", "end", "time_zone", "status"]),
            "Page": {
                "allOf": [
                    page({"title": {"type": "string"}}),
                    by_type("news.NewsPage", "NewsPageFields"),
                    by_type("events.EventPage", "EventPageFields"),
                ]
            },
            "NewsPageFields": {"type": "object", "properties": news_fields},
            "EventPageFields": {"type": "object", "properties": event_fields},
            "PageDetail": {
                "allOf": [
                    page({"title": {"type": "string"}}, ["title"]),
                    by_type("news.NewsPage", "NewsPage"),
                    by_type("events.EventPage", "EventPage"),
                ]
            },
            "MediaItem": {
                "type": "object",
                "required": ["id", "meta"],
                "properties": {
                    "id": {"type": "integer"},
                    "meta": media_meta,
                    "title": {"type": "string"},
                    "width": {"type": "integer"},
                    "height": {"type": "integer"},
                },
            },
            "Category": {
                "type": "object",
                "required": ["id", "meta"],
                "properties": {
                    "id": {"type": "integer"},
                    "meta": {"type": "object"},
                    "name": {"type": "string"},
                    "slug": {"type": "string"},
                    "description": {"type": "string"},
                    "news_count": {"type": "integer"},
                    "news": {"type": "object"},
                },
            },
            "Project": {
                "type": "object",
                "required": ["id", "meta"],
                "properties": {
                    "id": {"type": "integer"},
                    "meta": {"type": "object"},
                    "acronym": {"type": "string"},
                    "name": {"type": "string"},
                    "slug": {"type": "string"},
                    "website": {"type": "string"},
                    "description": {"type": "string"},
                    "funding_programme": {"type": "string"},
                    "grant_agreement": {"type": "string"},
                    "funding_line": {"type": "string", "description": "EU acknowledgement"},
                    "clusters": {"type": "array", "items": {"type": "object"}},
                    "news_count": {"type": "integer"},
                    "news": {"type": "object"},
                },
            },
            "RiverEntry": river_entry,
            "Subscription": {
                "type": "object",
                "required": ["email"],
                "additionalProperties": False,
                "properties": {
                    "email": {"type": "string", "format": "email", "maxLength": 254},
                    "topics": {
                        "type": "array",
                        "maxItems": MAX_TOPICS,
                        "items": {
                            "type": "string",
                            "examples": ["all", "category:policy", "project:permanet"],
                        },
                    },
                },
            },
            "SubscriptionAccepted": {
                "type": "object",
                "required": ["status", "message"],
                "properties": {"status": {"const": "accepted"}, "message": {"type": "string"}},
            },
        }
    }


def _paths() -> dict:
    page_id = _param("id", {"type": "integer", "minimum": 1}, "Page id.", where="path")
    item_id = _param("id", {"type": "integer", "minimum": 1}, where="path")
    orderings = sorted({*NEWS.orderings, *EVENTS.orderings})
    pages_parameters = [
        _param(
            "type",
            {"type": "string", "examples": ["news.NewsPage", "events.EventPage"]},
            "Page type(s), `app.Model`, comma-separated.",
        ),
        _fields(),
        *_paging(),
        _param(
            "order",
            {"type": "string", "examples": orderings},
            "Orderings of news: "
            + ", ".join(NEWS.orderings)
            + "; of events: "
            + ", ".join(EVENTS.orderings)
            + ".",
        ),
        _param("search_operator", {"enum": ["and", "or"]}),
        *(
            _param(name, {"type": "integer", "minimum": 1})
            for name in ("child_of", "descendant_of", "ancestor_of")
        ),
        *_filter_parameters(),
    ]
    media = {"parameters": [_fields(), *_paging(), _param("search", {"type": "string"})]}

    def listing(summary, item, parameters, errors=(400,)):
        return {
            "get": {
                "summary": summary,
                "parameters": parameters,
                "responses": {"200": _json(_listing(item)), **_errors(*errors)},
            }
        }

    def detail(summary, schema):
        return {
            "get": {
                "summary": summary,
                "parameters": [item_id, _fields()],
                "responses": {"200": _json(_ref(schema)), **_errors(400, 404)},
            }
        }

    return {
        "/api/v2/pages/": listing(
            "Pages; news with type=news.NewsPage, events with type=events.EventPage",
            "Page",
            pages_parameters,
        ),
        "/api/v2/pages/{id}/": {
            "get": {
                "summary": "One page in full",
                "parameters": [page_id, _fields()],
                "responses": {"200": _json(_ref("PageDetail")), **_errors(400, 404)},
            }
        },
        "/api/v2/pages/find/": {
            "get": {
                "summary": "The page at a path (redirects to its detail)",
                "parameters": [_param("html_path", {"type": "string", "maxLength": 2000})],
                "responses": {
                    "302": {"description": "Found: Location is the page's detail"},
                    **_errors(400, 404),
                },
            }
        },
        "/api/v2/images/": listing("Public images", "MediaItem", media["parameters"]),
        "/api/v2/images/{id}/": detail("One public image", "MediaItem"),
        "/api/v2/documents/": listing("Public documents", "MediaItem", media["parameters"]),
        "/api/v2/documents/{id}/": detail("One public document", "MediaItem"),
        "/api/v2/categories/": listing(
            "Categories",
            "Category",
            [_fields(), *_paging(), _param("slug", {"type": "string", "maxLength": 100})],
        ),
        "/api/v2/categories/{id}/": detail("One category", "Category"),
        "/api/v2/projects/": listing(
            "Partner projects",
            "Project",
            [_fields(), *_paging(), _param("slug", {"type": "string", "maxLength": 100})],
        ),
        "/api/v2/projects/{id}/": detail("One partner project", "Project"),
        "/api/v2/network/": listing(
            "The river: the hub's stories and partner items",
            "RiverEntry",
            [
                *_paging(),
                *(
                    p
                    for p in _filter_parameters()
                    if p["name"] in {"project", "category", "date_from", "date_to", "search"}
                ),
            ],
        ),
        "/api/v2/preview/": {
            "get": {
                "summary": "An editor's unsaved draft (headless preview)",
                "parameters": [
                    _param("token", {"type": "string", "maxLength": 200}),
                    _param("content_type", {"type": "string"}),
                    _fields(),
                ],
                "responses": {"200": _json(_ref("PageDetail")), **_errors(400, 404)},
            }
        },
        "/api/v2/newsletter/subscriptions/": {
            "post": {
                "summary": "Subscribe to the newsletter (double opt-in: a confirmation mail "
                "follows; the answer is the same for every address)",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("Subscription")}},
                },
                "responses": {
                    "202": _json(_ref("SubscriptionAccepted"), "Accepted"),
                    **_errors(400, 429),
                },
            }
        },
        "/api/v2/openapi.json": {
            "get": {"summary": "This description", "responses": {"200": _json({"type": "object"})}}
        },
        "/api/v2/": {
            "get": {
                "summary": "Where to start: every endpoint, this description and its docs",
                "responses": {"200": _json(_ref("ApiIndex"))},
            }
        },
    }


API_INDEX = {
    "type": "object",
    "required": ["endpoints", "openapi", "docs"],
    "properties": {
        "endpoints": {
            "type": "object",
            "description": "Each endpoint's name and absolute URL.",
            "additionalProperties": URI,
        },
        "openapi": URI,
        "docs": URI,
    },
}


NOT_ACCEPTABLE = {
    "description": "The Accept header asks for nothing the API gives (it answers JSON).",
    "content": {
        "application/json": {
            "schema": {"type": "object", "properties": {"detail": {"type": "string"}}}
        }
    },
}


URI_TOO_LONG = {
    "description": "The address is longer than the server reads (gunicorn: 4 KB request line).",
    "content": {"text/html": {"schema": {"type": "string"}}},
}


# One request per read, as the docs page shows it (`{id}`: an id from the listing). The
# test suite sends each to a site with content and checks the answer against this
# description, so an example cannot go stale.
EXAMPLE_REQUESTS = {
    "/api/v2/": "/api/v2/",
    "/api/v2/pages/": "/api/v2/pages/?type=news.NewsPage&project=passenger"
    "&fields=title,date,summary&limit=2",
    "/api/v2/pages/{id}/": "/api/v2/pages/{id}/?fields=title,date,body",
    "/api/v2/pages/find/": "/api/v2/pages/find/?html_path=/updates/",
    "/api/v2/images/": "/api/v2/images/?fields=title,download_url&limit=2",
    "/api/v2/images/{id}/": "/api/v2/images/{id}/",
    "/api/v2/documents/": "/api/v2/documents/?fields=title,download_url&limit=2",
    "/api/v2/documents/{id}/": "/api/v2/documents/{id}/",
    "/api/v2/categories/": "/api/v2/categories/",
    "/api/v2/categories/{id}/": "/api/v2/categories/{id}/",
    "/api/v2/projects/": "/api/v2/projects/?limit=5",
    "/api/v2/projects/{id}/": "/api/v2/projects/{id}/",
    "/api/v2/network/": "/api/v2/network/?project=passenger&limit=5",
    "/api/v2/openapi.json": "/api/v2/openapi.json",
}


def _with_examples(paths: dict) -> dict:
    for path, example in EXAMPLE_REQUESTS.items():
        paths[path]["get"]["x-example-request"] = example
    return paths


def _with_protocol_answers(paths: dict) -> dict:
    """What the HTTP layers answer whatever the operation: 406 to an Accept header a read
    cannot satisfy (content negotiation), 414 to an address too long for the server."""
    for item in paths.values():
        for method, operation in item.items():
            if method == "get":
                operation["responses"]["406"] = NOT_ACCEPTABLE
            operation["responses"]["414"] = URI_TOO_LONG
    return paths


@lru_cache(maxsize=1)
def openapi_document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Permanent Magnets Network API",
            "version": "2",
            "description": (
                "The public, read-only API (Wagtail API v2, extended) of the network's news, "
                "events and partner news, plus newsletter subscription. Anonymous; "
                "absolute URLs; 400 answers name the parameter. See docs/api.md."
            ),
        },
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "paths": _with_protocol_answers(_with_examples(_paths())),
        "components": _components(),
    }
