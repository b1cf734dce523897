from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("ideas", "0009_activityday_backfill")]

    operations = []
