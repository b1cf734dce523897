"""The review models moved to the reviews app. State only: their tables keep their names."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('voting', '0002_review_panels'),
        ('reviews', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='Score'),
                migrations.DeleteModel(name='PanelResult'),
                migrations.DeleteModel(name='Review'),
                migrations.DeleteModel(name='ReviewAssignment'),
                migrations.DeleteModel(name='ConflictOfInterestAttempt'),
                migrations.DeleteModel(name='Panel'),
                migrations.DeleteModel(name='Criterion'),
            ],
            database_operations=[],
        ),
    ]
