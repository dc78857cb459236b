import pytest

from news.snippets import PartnerProject
from tests.factories import make_project
from tests.servers import RecordingServer


@pytest.fixture
def partner_site(settings):
    """A partner's web server on this machine (private addresses allowed for it)."""
    settings.NETWORK_ALLOW_PRIVATE_ADDRESSES = True
    settings.NETWORK_FETCH_TIMEOUT_SECONDS = 2
    with RecordingServer() as server:
        yield server


@pytest.fixture
def project(db) -> PartnerProject:
    return make_project("PERMANET")
