"""Property-based: schemathesis generates requests from /api/v2/openapi.json against a
live gunicorn (production settings, demo content): no 5xx, and every answer conforms
to the description (status, content type, schema). Bounded and seeded; slow tier (CI)."""

import subprocess

import pytest

from tests.deploy.live import BIN, ROOT, redis_available, start, stop

pytestmark = [pytest.mark.slow, pytest.mark.live, pytest.mark.xdist_group("live")]
CHECKS = ",".join([
    "not_a_server_error", "status_code_conformance", "content_type_conformance",
    "response_schema_conformance",
])  # fmt: skip


def test_every_generated_request_gets_a_described_answer(tmp_path):
    if not redis_available():
        pytest.skip("Needs Redis at 127.0.0.1:6379: apt-get install redis-server (CI has it).")
    server, gunicorn, log = start(tmp_path)
    try:
        result = subprocess.run(
            [str(BIN / "st"), "run", f"{server.base_url}/api/v2/openapi.json",
             "--checks", CHECKS, "--max-examples", "25", "--seed", "20261125",
             "--generation-deterministic", "--request-timeout", "20", "--no-color",
             "--header", "X-Forwarded-Proto: https"],
            cwd=ROOT, capture_output=True, text=True, timeout=900,
        )  # fmt: skip
    finally:
        stop(gunicorn, log, server)
    report = tmp_path / "schemathesis.txt"
    report.write_text(result.stdout + result.stderr)
    failures = result.stdout.split("FAILURES")[-1][:12000]
    assert result.returncode == 0, f"(whole report: {report})\n{failures}"
