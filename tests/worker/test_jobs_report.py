"""Administrators see every job's outcome; finished jobs are pruned after a while."""

from datetime import timedelta

from django.utils import timezone

from django_tasks_db.models import DBTaskResult

from worker.housekeeping import prune_job_results
from worker.models import WorkerHeartbeat


def job(status: str, *, age_days: float = 0, **kwargs) -> DBTaskResult:
    finished = timezone.now() - timedelta(days=age_days)
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": kwargs},
        task_path="delivery.tasks.announce_change",
        backend_name="default",
        run_after=finished,
        finished_at=finished if status in {"SUCCESSFUL", "FAILED"} else None,
        traceback="Traceback ...\nfeeds.websub.HubError: http://hub answered 500\n"
        if status == "FAILED"
        else "",
    )


def test_the_report_shows_each_ping_and_why_it_failed(editor_client, db, django_user_model):
    job("FAILED", feed_urls=["a", "b"], attempt=2)
    job("SUCCESSFUL", feed_urls=["a", "b"], attempt=3)
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id="w1", hostname="box", pid=42, started_at=now, seen_at=now
    )
    response = editor_client.get("/admin/reports/jobs/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "announce change" in html and "2 feeds, attempt 2" in html
    assert "http://hub answered 500" in html
    assert "Workers running: box:42" in html
    failed_only = editor_client.get("/admin/reports/jobs/", {"status": "FAILED"}).content.decode()
    assert "attempt 2" in failed_only and "attempt 3" not in failed_only


def test_editors_who_are_not_administrators_cannot_see_it(client, django_user_model, db):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("writer", "w@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/reports/jobs/").status_code in {302, 403}


def test_finished_jobs_are_pruned_after_a_while(db, settings):
    settings.WORKER_KEEP_JOBS_DAYS = 7
    old_success, recent = job("SUCCESSFUL", age_days=8), job("SUCCESSFUL", age_days=1)
    old_failure, older_failure = job("FAILED", age_days=8), job("FAILED", age_days=29)
    waiting = job("READY")
    assert prune_job_results.call() == 2
    remaining = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert remaining == {recent.pk, old_failure.pk, waiting.pk}
    assert old_success.pk not in remaining and older_failure.pk not in remaining
