import pytest

from tests.factories import make_events_index


@pytest.fixture
def events_index(home):
    return make_events_index(home)
