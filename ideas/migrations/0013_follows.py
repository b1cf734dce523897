from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("ideas", "0012_comment_edits_reports")]

    operations = []
