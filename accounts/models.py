from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """A place in Jakarta: kota administrasi / kabupaten, then kecamatan, then kelurahan."""

    class Kind(models.TextChoices):
        CITY = "kota", _("Kota administrasi")
        REGENCY = "kabupaten", _("Kabupaten administrasi")
        DISTRICT = "kecamatan", _("Kecamatan")
        VILLAGE = "kelurahan", _("Kelurahan")

    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | ~Q(parent=models.F("pk")),
                name="accounts_region_not_own_parent",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    """A perangkat daerah (OPD): a dinas, badan, biro, inspektorat or kota office."""

    class Kind(models.TextChoices):
        DINAS = "dinas", _("Dinas")
        BADAN = "badan", _("Badan")
        BIRO = "biro", _("Biro")
        INSPECTORATE = "inspektorat", _("Inspektorat")
        SATPOL = "satpol_pp", _("Satuan Polisi Pamong Praja")
        SUKU_DINAS = "suku_dinas", _("Suku dinas / suku badan")
        REGIONAL = "wilayah", _("Pemerintah kota / kabupaten administrasi")
        OTHER = "lainnya", _("Lainnya")

    code = models.CharField(max_length=30, unique=True)
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="agencies"
    )
    # How many ASN work here: the denominator of participation per 100 staff (dashboard), so
    # that a small kelurahan office and a large dinas are compared fairly. Null: not known.
    headcount = models.PositiveIntegerField(_("headcount"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """An ASN account. Staff role for everyone; other roles come from groups (accounts.roles)."""

    nip = models.CharField(
        "NIP",
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        help_text=_("The 18-digit civil-servant number."),
    )
    full_name = models.CharField(_("full name"), max_length=150)
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )

    class Meta:
        ordering = ["full_name", "username"]
        constraints = [
            models.CheckConstraint(
                condition=Q(nip__isnull=True) | Q(nip__regex=r"^[0-9]{18}$"),
                name="accounts_user_nip_18_digits",
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.username
