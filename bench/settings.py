"""Benchmark settings: production settings plus stock-configured baselines to compare."""

from cms.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# The generated embeds point nowhere: never try a provider during a measurement.
WAGTAILEMBEDS_FINDERS = []
