"""The review models, moved here from the voting app. State only: the tables exist and keep
their names; their content types move with them, so permissions follow."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


MODELS = [
    "criterion",
    "panel",
    "reviewassignment",
    "review",
    "score",
    "panelresult",
    "conflictofinterestattempt",
]


def content_types_move(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="voting", model__in=MODELS).update(app_label="reviews")


def content_types_move_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="reviews", model__in=MODELS).update(app_label="voting")


class Migration(migrations.Migration):

    dependencies = [
        ('ideas', '0004_campaign_review_settings'),
        ('voting', '0002_review_panels'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Criterion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=120, verbose_name='name')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('weight', models.DecimalField(decimal_places=2, default=1, max_digits=5)),
                        ('min_value', models.SmallIntegerField(default=1)),
                        ('max_value', models.SmallIntegerField(default=5)),
                        ('position', models.PositiveSmallIntegerField(default=0)),
                        ('campaign', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='criteria', to='ideas.campaign')),
                    ],
                    options={
                        'verbose_name_plural': 'criteria',
                        'ordering': ['campaign', 'position', 'id'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('max_value__gt', models.F('min_value'))), name='voting_criterion_scale_not_empty'), models.CheckConstraint(condition=models.Q(('weight__gt', 0)), name='voting_criterion_weight_positive'), models.UniqueConstraint(fields=('campaign', 'name'), name='voting_criterion_unique_name_per_campaign')],
                    },
                ),
                migrations.CreateModel(
                    name='ConflictOfInterestAttempt',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('action', models.CharField(max_length=20)),
                        ('reason', models.CharField(choices=[('author', 'Author'), ('co_author', 'Co-author'), ('same_agency', 'Same agency')], max_length=12)),
                        ('entry_point', models.CharField(choices=[('api', 'API'), ('admin', 'Django admin'), ('bulk', 'Bulk assignment'), ('service', 'Service')], max_length=8)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('attempted_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='ideas.idea')),
                        ('reviewer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'ordering': ['-created_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='Panel',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('campaign', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='panel', to='ideas.campaign')),
                        ('members', models.ManyToManyField(blank=True, related_name='review_panels', to=settings.AUTH_USER_MODEL)),
                    ],
                ),
                migrations.CreateModel(
                    name='PanelResult',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('review_count', models.PositiveSmallIntegerField()),
                        ('raw_mean', models.FloatField(help_text="mean of the reviews' weighted scores, 0..100")),
                        ('normalised', models.FloatField(help_text="after removing each reviewer's harshness, 0..100")),
                        ('spread', models.FloatField(help_text="standard deviation of the reviews' weighted scores")),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('idea', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='panel_result', to='ideas.idea')),
                    ],
                ),
                migrations.CreateModel(
                    name='Review',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('comment', models.TextField(blank=True, verbose_name='feedback for the authors')),
                        ('private_note', models.TextField(blank=True, verbose_name='private note for the panel')),
                        ('weighted_score', models.FloatField()),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('feedback', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='review', to='ideas.comment')),
                        ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reviews', to='ideas.idea')),
                        ('reviewer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reviews', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'ordering': ['created_at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='ReviewAssignment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('due_at', models.DateTimeField()),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('assigned_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='review_assignments', to='ideas.idea')),
                        ('reviewer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='review_assignments', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'ordering': ['due_at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='Score',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('value', models.SmallIntegerField()),
                        ('min_value', models.SmallIntegerField()),
                        ('max_value', models.SmallIntegerField()),
                        ('criterion', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='scores', to='reviews.criterion')),
                        ('review', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scores', to='reviews.review')),
                    ],
                ),
                migrations.AddConstraint(
                    model_name='review',
                    constraint=models.UniqueConstraint(fields=('reviewer', 'idea'), name='voting_review_one_per_reviewer_idea'),
                ),
                migrations.AddConstraint(
                    model_name='review',
                    constraint=models.CheckConstraint(condition=models.Q(('weighted_score__gte', 0), ('weighted_score__lte', 100)), name='voting_review_weighted_score_0_to_100'),
                ),
                migrations.AddConstraint(
                    model_name='reviewassignment',
                    constraint=models.UniqueConstraint(fields=('idea', 'reviewer'), name='voting_reviewassignment_one_per_reviewer_idea'),
                ),
                migrations.AddConstraint(
                    model_name='score',
                    constraint=models.UniqueConstraint(fields=('review', 'criterion'), name='voting_score_one_per_review_criterion'),
                ),
                migrations.AddConstraint(
                    model_name='score',
                    constraint=models.CheckConstraint(condition=models.Q(('value__gte', models.F('min_value')), ('value__lte', models.F('max_value'))), name='voting_score_value_within_scale'),
                ),
                migrations.AlterModelTable(name='criterion', table='voting_criterion'),
                migrations.AlterModelTable(name='panel', table='voting_panel'),
                migrations.AlterModelTable(name='reviewassignment', table='voting_reviewassignment'),
                migrations.AlterModelTable(name='review', table='voting_review'),
                migrations.AlterModelTable(name='score', table='voting_score'),
                migrations.AlterModelTable(name='panelresult', table='voting_panelresult'),
                migrations.AlterModelTable(name='conflictofinterestattempt', table='voting_conflictofinterestattempt'),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_move, content_types_move_back),
    ]
