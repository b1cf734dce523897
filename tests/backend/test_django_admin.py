"""The Django admin as the innovation office uses it: the `admin` role opens every one of
Gagasan's models (granted on migrate, not by the demo data), staff are refused, and writes made
there go through the services (trail, live message, counters, rubric and panel rules)."""

import json
import re
from io import StringIO

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from accounts.models import User
from accounts.role_groups import project_app
from backend.asgi import application
from core.errors import RuleError
from ideas.models import Campaign, Comment, Idea, IdeaStatusChange
from reviews.models import ConflictOfInterestAttempt, Criterion, Panel
from reviews.services import ensure_no_conflict
from tests.factories import PASSWORD, CampaignFactory, UserFactory, make_idea

pytestmark = pytest.mark.django_db

PROJECT_MODELS = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if project_app(model._meta.app_config)
)


def signed_in(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def form_data(html: str) -> dict:
    """The hidden inputs of the admin form (management forms, ids), as a browser posts them."""
    data = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if name and 'type="hidden"' in tag:
            value = re.search(r'value="([^"]*)"', tag)
            data[name.group(1)] = value.group(1) if value else ""
    return data


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", stdout=StringIO())
    settings.DEBUG = False
    office = User.objects.get(username="admin")
    office.set_password(PASSWORD)
    office.save()
    # The demo data holds no refused assignment; make one, as the API would record it.
    idea = Idea.objects.exclude(status="draft").first()
    with pytest.raises(RuleError):
        ensure_no_conflict(
            idea=idea,
            reviewer=idea.author,
            action="assign",
            entry_point=ConflictOfInterestAttempt.EntryPoint.ADMIN,
            attempted_by=office,
        )
    return office


def test_the_admin_group_holds_every_permission_of_gagasans_apps_after_migrate():
    granted = set(
        Group.objects.get(name="admin").permissions.values_list(
            "content_type__app_label", "codename"
        )
    )
    for app_label, model_name in PROJECT_MODELS:
        assert (app_label, f"view_{model_name}") in granted
    assert not Permission.objects.filter(group__name="admin", content_type__app_label="auth")


def test_an_innovation_admin_opens_every_models_list_and_change_page(demo):
    assert ConflictOfInterestAttempt.objects.exists()
    assert not demo.is_superuser
    client = signed_in(demo)
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert "Anda tidak memiliki izin" not in index.content.decode()
    assert len(PROJECT_MODELS) >= 14
    for app_label, model_name in PROJECT_MODELS:
        listed = client.get(reverse(f"admin:{app_label}_{model_name}_changelist"))
        assert listed.status_code == 200, (app_label, model_name, listed.status_code)
        model = next(m for m in admin.site._registry if m._meta.model_name == model_name)
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"no {model_name} in the demo data"
        change = client.get(reverse(f"admin:{app_label}_{model_name}_change", args=[obj.pk]))
        assert change.status_code == 200, (app_label, model_name, change.status_code)


def test_staff_are_refused_the_django_admin(demo):
    staff = User.objects.get(username="staff1")
    staff.set_password(PASSWORD)
    staff.save()
    client = signed_in(staff)
    for url in (reverse("admin:index"), reverse("admin:ideas_idea_changelist")):
        refused = client.get(url)
        assert refused.status_code == 302
        assert refused["Location"].startswith(reverse("admin:login"))


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_status_change_in_the_django_admin_writes_the_trail_and_reaches_open_pages():
    office = await sync_to_async(UserFactory)(roles=["admin"])
    watcher = await sync_to_async(UserFactory)()
    idea = await sync_to_async(make_idea)(campaign=await sync_to_async(CampaignFactory)())
    token = await sync_to_async(Token.objects.create)(user=watcher)
    socket = WebsocketCommunicator(
        application,
        f"/ws/ideas/{idea.pk}/?token={token.key}",
        headers=[(b"origin", b"http://127.0.0.1:8000")],
    )
    assert (await socket.connect(timeout=5))[0]
    await socket.receive_from(timeout=5)  # the snapshot

    client = await sync_to_async(signed_in)(office)
    url = reverse("admin:ideas_idea_change", args=[idea.pk])
    page = await sync_to_async(client.get)(url)
    assert page.status_code == 200
    data = form_data(page.content.decode())
    data.update(new_status="shortlisted", status_note="Masuk 10 besar", merge_into="")
    saved = await sync_to_async(client.post)(url, data)
    assert saved.status_code == 302, saved.content.decode()[:2000]

    frame = json.loads(await socket.receive_from(timeout=5))
    assert (frame["type"], frame["status"]) == ("status", "shortlisted")
    await socket.disconnect()
    change = await sync_to_async(IdeaStatusChange.objects.get)(idea=idea, to_status="shortlisted")
    assert (change.from_status, change.to_status, change.note, change.changed_by_id) == (
        "submitted",
        "shortlisted",
        "Masuk 10 besar",
        office.pk,
    )


def test_the_django_admin_offers_only_the_allowed_statuses_and_changes_nothing_else(demo):
    idea = make_idea(campaign=CampaignFactory())
    client = signed_in(demo)
    url = reverse("admin:ideas_idea_change", args=[idea.pk])
    data = form_data(client.get(url).content.decode())
    trail = list(IdeaStatusChange.objects.filter(idea=idea).values_list("pk", flat=True))
    refused = client.post(url, {**data, "new_status": "implemented", "title": "Judul lain"})
    assert refused.status_code == 200  # the form again, with the error
    idea.refresh_from_db()
    assert idea.status == "submitted" and idea.title != "Judul lain"
    assert list(IdeaStatusChange.objects.filter(idea=idea).values_list("pk", flat=True)) == trail


def test_unpublishing_a_comment_in_the_django_admin_keeps_the_count(demo):
    comment = Comment.objects.filter(is_published=True).select_related("idea").first()
    before = comment.idea.comment_count
    client = signed_in(demo)
    done = client.post(
        reverse("admin:ideas_comment_changelist"),
        {"action": "comments_unpublish", "_selected_action": [comment.pk]},
    )
    assert done.status_code == 302
    comment.refresh_from_db()
    comment.idea.refresh_from_db()
    assert not comment.is_published
    assert comment.idea.comment_count == before - 1


def test_a_campaign_saved_in_the_django_admin_keeps_its_phases_in_order(demo):
    campaign = Campaign.objects.order_by("pk").first()
    client = signed_in(demo)
    url = reverse("admin:ideas_campaign_change", args=[campaign.pk])
    assert client.get(url).status_code == 200
    voting_closes = campaign.voting_closes
    data = {
        "title": campaign.title,
        "description": campaign.description,
        "blind_review": "on" if campaign.blind_review else "",
        "popular_vote_weight": campaign.popular_vote_weight,
        "categories": list(campaign.categories.values_list("pk", flat=True)),
    }
    for name in ("submission", "voting", "review"):
        for edge in ("opens", "closes"):
            value = getattr(campaign, f"{name}_{edge}")
            data[f"{name}_{edge}_0"] = value.strftime("%Y-%m-%d")
            data[f"{name}_{edge}_1"] = value.strftime("%H:%M:%S")
    backwards = {**data, "voting_closes_0": data["voting_opens_0"], "voting_closes_1": "00:00:00"}
    backwards["voting_opens_1"] = "23:59:59"
    refused = client.post(url, backwards)
    assert refused.status_code == 200
    assert 'id="id_voting_closes' in refused.content.decode()
    assert "errorlist" in refused.content.decode()
    campaign.refresh_from_db()
    assert campaign.voting_closes == voting_closes

    renamed = client.post(url, {**data, "title": "Tantangan Inovasi Banjir 2027"})
    assert renamed.status_code == 302
    campaign.refresh_from_db()
    assert campaign.title == "Tantangan Inovasi Banjir 2027"


def test_a_rubric_in_use_cannot_be_edited_in_the_django_admin(demo):
    criterion = Criterion.objects.filter(scores__isnull=False).distinct().first()
    assert criterion is not None
    client = signed_in(demo)
    url = reverse("admin:reviews_criterion_change", args=[criterion.pk])
    refused = client.post(
        url,
        {
            "campaign": criterion.campaign_id,
            "name": "Nama lain",
            "description": criterion.description,
            "weight": criterion.weight,
            "min_value": criterion.min_value,
            "max_value": criterion.max_value,
            "position": criterion.position,
        },
    )
    assert refused.status_code == 200
    criterion.refresh_from_db()
    assert criterion.name != "Nama lain"
    assert client.post(
        reverse("admin:reviews_criterion_delete", args=[criterion.pk]), {"post": "yes"}
    ).status_code in (302, 403)
    assert Criterion.objects.filter(pk=criterion.pk).exists()


def test_panel_members_set_in_the_django_admin_go_through_the_service(demo):
    panel = Panel.objects.order_by("pk").first()
    newcomer = UserFactory()
    client = signed_in(demo)
    url = reverse("admin:reviews_panel_change", args=[panel.pk])
    members = [*panel.members.values_list("pk", flat=True), newcomer.pk]
    saved = client.post(url, {**form_data(client.get(url).content.decode()), "members": members})
    assert saved.status_code == 302, re.findall(
        r"errorlist[^<]*<li>([^<]*)", saved.content.decode()
    )
    assert set(panel.members.values_list("pk", flat=True)) == set(members)
