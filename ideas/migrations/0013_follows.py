import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def authors_follow(apps, schema_editor):
    """The authors and co-authors of every idea so far follow it, as new ones will."""
    Idea = apps.get_model("ideas", "Idea")
    IdeaFollow = apps.get_model("ideas", "IdeaFollow")
    rows = [IdeaFollow(idea_id=pk, user_id=author) for pk, author in Idea.objects.values_list("pk", "author_id")]
    rows += [
        IdeaFollow(idea_id=link.idea_id, user_id=link.user_id)
        for link in Idea.co_authors.through.objects.all()
    ]
    IdeaFollow.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("ideas", "0012_comment_edits_reports"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="IdeaFollow",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("idea", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="follows", to="ideas.idea")),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="idea_follows", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "indexes": [models.Index(fields=["user", "idea"], name="ideas_ideafollow_by_user")],
                "constraints": [models.UniqueConstraint(fields=("idea", "user"), name="ideas_ideafollow_one_per_user")],
            },
        ),
        migrations.RunPython(authors_follow, migrations.RunPython.noop),
    ]
