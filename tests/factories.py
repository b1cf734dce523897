"""factory_boy factories. Ideas and comments are made through the services, like real ones."""

from datetime import timedelta

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import Agency, Region, User
from ideas import coauthors
from ideas import services as idea_services
from ideas.models import Campaign, Category

PASSWORD = "rahasia-uji-123"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    code = factory.Sequence(lambda n: f"31.{70 + n}")
    name = factory.Sequence(lambda n: f"Kota Uji {n}")
    kind = Region.Kind.CITY


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"OPD{n}")
    name = factory.Sequence(lambda n: f"Dinas Uji {n}")
    kind = Agency.Kind.DINAS


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"asn{n}")
    full_name = factory.Sequence(lambda n: f"ASN Uji {n}")
    nip = factory.Sequence(lambda n: f"19900101201501{1000 + n:04d}")
    agency = factory.SubFactory(AgencyFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for name in extracted or ():
            self.groups.add(Group.objects.get_or_create(name=name)[0])
        if create:
            self.save()


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    slug = "traffic"
    name_id = factory.LazyAttribute(lambda o: f"Kategori {o.slug}")
    name_en = factory.LazyAttribute(lambda o: f"Category {o.slug}")


class CampaignFactory(factory.django.DjangoModelFactory):
    """A campaign whose submission and voting are both open now (the `voting` phase)."""

    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    class Params:
        now = factory.LazyFunction(timezone.now)

    title = factory.Sequence(lambda n: f"Tantangan Inovasi {n}")
    description = "Gagasan untuk Jakarta kota global."
    submission_opens = factory.LazyAttribute(lambda o: o.now - timedelta(days=10))
    submission_closes = factory.LazyAttribute(lambda o: o.now + timedelta(days=10))
    voting_opens = factory.LazyAttribute(lambda o: o.now - timedelta(days=5))
    voting_closes = factory.LazyAttribute(lambda o: o.now + timedelta(days=20))
    review_opens = factory.LazyAttribute(lambda o: o.now + timedelta(days=20))
    review_closes = factory.LazyAttribute(lambda o: o.now + timedelta(days=40))


def campaign_in_phase(phase: str, **kwargs) -> Campaign:
    """A campaign placed so that `phase` is its phase now."""
    now = timezone.now()
    day = timedelta(days=1)
    windows = {
        "upcoming": (now + day, now + 10 * day, now + 11 * day, now + 20 * day),
        "submission": (now - day, now + 10 * day, now + 11 * day, now + 20 * day),
        "voting": (now - 10 * day, now + 10 * day, now - 5 * day, now + 20 * day),
        "review": (now - 30 * day, now - 20 * day, now - 15 * day, now - 5 * day),
        "closed": (now - 60 * day, now - 50 * day, now - 45 * day, now - 30 * day),
    }[phase]
    sub_open, sub_close, vote_open, vote_close = windows
    review_open = vote_close if phase != "review" else now - 2 * day
    review_close = review_open + 14 * day if phase != "closed" else now - day
    return CampaignFactory(
        submission_opens=sub_open,
        submission_closes=sub_close,
        voting_opens=vote_open,
        voting_closes=vote_close,
        review_opens=review_open,
        review_closes=review_close,
        **kwargs,
    )


def make_idea(*, author=None, category=None, campaign=None, **fields):
    """Submit an idea through the service, as the API would."""
    author = author or UserFactory()
    category = category or CategoryFactory()
    values = {
        "title": "Lampu lalu lintas adaptif di simpang padat",
        "problem": "Antrean kendaraan di simpang Jakarta Selatan memanjang pada jam sibuk.",
        "solution": "Sensor kamera mengatur durasi lampu hijau sesuai panjang antrean.",
    }
    values.update(fields)
    idea = idea_services.idea_create(author=author, category=category, campaign=campaign, **values)
    # Co-authors are invited (ideas.coauthors); here they accept at once, as most tests assume.
    invitations_accept(idea)
    return idea


def invitations_accept(idea):
    """Every pending co-author invitation of the idea accepted by its invitee, through the
    service (as the invitee would from their notification)."""
    for invitation in idea.invitations.filter(status="pending").select_related("invitee"):
        coauthors.invitation_accept(invitation_id=invitation.pk, user=invitation.invitee)
    return idea
