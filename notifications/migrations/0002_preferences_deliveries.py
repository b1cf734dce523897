import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Digest",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("day", models.DateField()),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("sent_at", models.DateTimeField(blank=True, null=True)),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="notification_digests", to=settings.AUTH_USER_MODEL)),
            ],
            options={"verbose_name": "digest"},
        ),
        migrations.AddConstraint(
            model_name="digest",
            constraint=models.UniqueConstraint(fields=("user", "day"), name="notifications_digest_one_per_person_per_day"),
        ),
        migrations.AddField(
            model_name="notification",
            name="delivery",
            field=models.CharField(choices=[("immediate", "Immediately"), ("digest", "In a daily digest"), ("never", "Never")], default="never", max_length=10),
        ),
        migrations.AddField(
            model_name="notification",
            name="emailed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="notification",
            name="digest",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="notifications", to="notifications.digest"),
        ),
        migrations.AddField(
            model_name="notification",
            name="once_key",
            field=models.CharField(blank=True, default="", max_length=100),
        ),
        migrations.AddConstraint(
            model_name="notification",
            constraint=models.UniqueConstraint(condition=models.Q(("once_key", ""), _negated=True), fields=("user", "once_key"), name="notifications_notification_once_per_key"),
        ),
        migrations.AddIndex(
            model_name="notification",
            index=models.Index(condition=models.Q(("delivery", "digest"), ("digest__isnull", True)), fields=["user", "id"], name="notifications_digest_waiting"),
        ),
        migrations.CreateModel(
            name="NotificationPreference",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=40)),
                ("delivery", models.CharField(choices=[("immediate", "Immediately"), ("digest", "In a daily digest"), ("never", "Never")], max_length=10)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="notification_preferences", to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.AddConstraint(
            model_name="notificationpreference",
            constraint=models.UniqueConstraint(fields=("user", "kind"), name="notifications_preference_one_per_kind"),
        ),
        migrations.CreateModel(
            name="NotificationSettings",
            fields=[
                ("user", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name="notification_settings", serialize=False, to=settings.AUTH_USER_MODEL)),
                ("language", models.CharField(blank=True, choices=[("id", "Indonesian"), ("en", "English")], max_length=8)),
            ],
        ),
    ]
